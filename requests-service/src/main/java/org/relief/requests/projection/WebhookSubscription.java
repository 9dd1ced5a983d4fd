package org.relief.requests.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organisation's webhook: its requests' status changes are pushed there, signed with {@code secret}. Kept beside
 * the request view because the view's projector turns each change into notifications for these subscriptions.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    public String url;

    public String secret;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    public boolean active;

    public static List<WebhookSubscription> activeOf(String organisationId) {
        return list("organisationId = ?1 and active = true", organisationId);
    }
}
