package org.relief.inventory.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import org.relief.inventory.domain.DonationEvent;
import org.relief.inventory.domain.ItemEvent;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockItemEvent;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.inventory.domain.WarehouseEvent;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.projection.RebuildableProjection;

/**
 * Inventory's read models as rebuildable projections (kernel {@code /ops/projections}), each applying the stored
 * events with the same codec and projector the append path uses. Every column is derived from the events (times
 * from the events' own fields), so no column is left out of the equality check. {@code transport_pickup_waiting} is
 * not a projection (it holds pickups that arrived before their reservation, written by the consumer) and is not
 * touched.
 */
@ApplicationScoped
public class InventoryProjections {

    private static String idOf(StoredEvent e) {
        return e.streamId().substring(e.streamType().length() + 1);
    }

    /** reservation_view from the stock-reservation streams. */
    @Produces
    @Singleton
    RebuildableProjection reservations(ReservationProjector projector, ObjectMapper json) {
        EventCodec<StockReservationEvent> codec = new EventCodec<>(StockReservationEvent.class, json);
        return new Panache(
                "reservations",
                List.of(new RebuildableProjection.Table("reservation_view", "request_id")),
                List.of(StockReservation.STREAM_TYPE)) {
            @Override
            public void apply(Connection c, StoredEvent e) {
                projector.project(idOf(e), e, codec.decode(e.type(), e.payload()));
            }
        };
    }

    /** The ledger's views (stock_entry, quarantine, stock_position) from the stock-item streams; plain SQL. */
    @Produces
    @Singleton
    RebuildableProjection stock(StockProjector projector, ObjectMapper json) {
        EventCodec<StockItemEvent> codec = new EventCodec<>(StockItemEvent.class, json);
        List<RebuildableProjection.Table> tables = List.of(
                new RebuildableProjection.Table("stock_entry", "entry_id"),
                new RebuildableProjection.Table("quarantine", "id"),
                new RebuildableProjection.Table("stock_position", "item, lot_id"));
        return new RebuildableProjection() {
            @Override
            public String name() {
                return "stock";
            }

            @Override
            public List<Table> tables() {
                return tables;
            }

            @Override
            public List<String> streamTypes() {
                return List.of(StockItem.STREAM_TYPE);
            }

            @Override
            public void apply(Connection c, StoredEvent e) {
                projector.project(c, idOf(e), codec.decode(e.type(), e.payload()));
            }
        };
    }

    /** warehouse_view, item_view and donation_view from the warehouse, item and donation streams. */
    @Produces
    @Singleton
    RebuildableProjection catalogue(CatalogueProjector projector, ObjectMapper json) {
        EventCodec<WarehouseEvent> warehouses = new EventCodec<>(WarehouseEvent.class, json);
        EventCodec<ItemEvent> items = new EventCodec<>(ItemEvent.class, json);
        EventCodec<DonationEvent> donations = new EventCodec<>(DonationEvent.class, json);
        return new Panache(
                "catalogue",
                List.of(
                        new RebuildableProjection.Table("warehouse_view", "id"),
                        new RebuildableProjection.Table("item_view", "code"),
                        new RebuildableProjection.Table("donation_view", "donation_id")),
                List.of("warehouse", "item", "donation")) {
            @Override
            public void apply(Connection c, StoredEvent e) {
                switch (e.streamType()) {
                    case "warehouse" -> projector.warehouse(idOf(e), e, warehouses.decode(e.type(), e.payload()));
                    case "item" -> projector.item(idOf(e), e, items.decode(e.type(), e.payload()));
                    default -> projector.donation(idOf(e), e, donations.decode(e.type(), e.payload()));
                }
            }
        };
    }

    /** A projection written through Hibernate: flushed (and its session cleared) after each batch. */
    private abstract static class Panache implements RebuildableProjection {
        private final String name;
        private final List<Table> tables;
        private final List<String> streamTypes;

        Panache(String name, List<Table> tables, List<String> streamTypes) {
            this.name = name;
            this.tables = tables;
            this.streamTypes = streamTypes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Table> tables() {
            return tables;
        }

        @Override
        public List<String> streamTypes() {
            return streamTypes;
        }

        @Override
        public void flush() {
            ReservationView.getEntityManager().flush();
            ReservationView.getEntityManager().clear();
        }
    }
}
