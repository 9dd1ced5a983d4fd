package org.relief.inventory.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.relief.inventory.domain.DonationEvent;
import org.relief.inventory.domain.ItemEvent;
import org.relief.inventory.domain.WarehouseEvent;
import org.relief.kernel.eventstore.StoredEvent;

/** Keeps the warehouse, item and donation read models in step with their events, in the appending transaction. */
@ApplicationScoped
public class CatalogueProjector {

    public void warehouse(String id, StoredEvent stored, WarehouseEvent event) {
        if (event instanceof WarehouseEvent.Registered r) {
            WarehouseView v = new WarehouseView();
            v.id = r.warehouseId();
            v.name = r.name();
            v.district = r.district();
            v.address = r.address();
            v.registeredAt = r.registeredAt();
            v.version = stored.version();
            v.persist();
        }
    }

    public void item(String code, StoredEvent stored, ItemEvent event) {
        if (event instanceof ItemEvent.Registered r) {
            ItemView v = new ItemView();
            v.code = r.code();
            v.nameZh = r.nameZh();
            v.nameEn = r.nameEn();
            v.category = r.category().name();
            v.unit = r.unit();
            v.unitWeightKg = r.unitWeightKg();
            v.unitVolumeM3 = r.unitVolumeM3();
            v.perishable = r.perishable();
            v.registeredAt = r.registeredAt();
            v.version = stored.version();
            v.persist();
        }
    }

    public void donation(String id, StoredEvent stored, DonationEvent event) {
        if (event instanceof DonationEvent.Received r) {
            DonationView v = new DonationView();
            v.donationId = r.donationId();
            v.donorOrganisationId = r.donorOrganisationId();
            v.warehouseId = r.warehouseId();
            v.valueYuan = r.valueYuan();
            v.note = r.note();
            v.lots = r.lots();
            v.receivedAt = r.receivedAt();
            v.persist();
        }
    }
}
