-- GET /donations: a donor's own donations, newest first (issue 15)
create index donation_view_by_donor on donation_view (donor_organisation_id, received_at desc);
