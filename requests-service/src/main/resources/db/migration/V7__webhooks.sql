-- Partners' webhooks (issue 15): where an organisation wants its requests' status changes pushed, and each
-- notification with its delivery attempts (the partner's delivery log; replayable).
create table webhook_subscription (
    id              uuid primary key,
    organisation_id text        not null,
    url             text        not null,
    -- the HMAC key: made by the platform, shown to the partner once, needed here to sign every notification
    secret          text        not null,
    description     text,
    created_at      timestamptz not null,
    created_by      text        not null,
    active          boolean     not null default true
);
create index webhook_subscription_by_organisation on webhook_subscription (organisation_id) where active;

create table webhook_delivery (
    -- name-based on (subscription, request, version): one notification per change and subscription, whatever replays
    id              uuid primary key,
    subscription_id uuid        not null references webhook_subscription (id),
    request_id      text        not null,
    request_version bigint      not null,
    status          text        not null, -- PENDING, DELIVERED, FAILED
    -- the CloudEvent as sent, byte for byte the same on every attempt
    payload         text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_attempt_at timestamptz,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, created_at desc);
