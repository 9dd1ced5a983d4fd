package org.relief.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripFailed;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripQueued;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.contracts.dispatch.TripWaitOverdue;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestEscalated;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestShortfallAccepted;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.contracts.volunteer.VolunteerAssigned;
import org.relief.contracts.volunteer.VolunteerAssignmentAnswered;
import org.relief.contracts.volunteer.VolunteerCallCancelled;
import org.relief.contracts.volunteer.VolunteerCallCompleted;
import org.relief.contracts.volunteer.VolunteerCallOpened;
import org.relief.contracts.volunteer.VolunteerCallShort;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.personaldata.PersonalDataErased;
import org.relief.kernel.personaldata.PersonalDataKeyIssued;

/**
 * The published language as a document (issue 15): an AsyncAPI 2.6 description of the five topics
 * ({@code docs/asyncapi/asyncapi.json}) and a JSON Schema per event type and version
 * ({@code docs/asyncapi/schemas/<type>.v<version>.json}), generated here from the contract records and compared with
 * the files kept in the repository, so that a contract change without its documents fails the build. Run with
 * {@code -Dcontracts.export=true} to write them anew; CI lints them with Spectral (deploy/ci/lint-openapi.sh).
 */
class EventCatalogueTest {
    record Channel(String topic, String publisher, String key, String summary, String cleanup) {}

    record Message(Channel channel, String type, int version, Class<?> payload, String summary) {}

    static final Channel REQUESTS = new Channel(
            Topics.REQUESTS,
            "requests-service",
            "the help request's id",
            "A help request's life as its partner organisation and ops shape it",
            "delete");
    static final Channel INVENTORY = new Channel(
            Topics.INVENTORY,
            "inventory-service",
            "the help request's id (each answer of a donation or expiry that touches several requests under its own)",
            "Stock reservations against help requests",
            "delete");
    static final Channel DISPATCH = new Channel(
            Topics.DISPATCH,
            "dispatch-service",
            "the help request's id",
            "Trips of trucks and taxis for help requests, from planning to proof of delivery",
            "delete");
    static final Channel VOLUNTEER = new Channel(
            Topics.VOLUNTEER,
            "volunteer-service",
            "the help request's id (the call's id for a call without a request)",
            "Calls for volunteers and their assignments",
            "delete");
    static final Channel KEYS = new Channel(
            PersonalDataKeyIssued.TOPIC,
            "requests-service, dispatch-service and volunteer-service",
            "the data subject's id (a help request, a volunteer or a vehicle)",
            "Data subjects' wrapped keys and their erasure (crypto-shredding); compacted, so an erasure replaces the key",
            "compact");

    static final List<Message> MESSAGES = List.of(
            new Message(
                    REQUESTS,
                    HelpRequestSubmitted.TYPE,
                    HelpRequestSubmitted.VERSION,
                    HelpRequestSubmitted.class,
                    "A partner organisation submitted a help request (supplies, a ride or a care visit)"),
            new Message(
                    REQUESTS,
                    HelpRequestCancelled.TYPE,
                    HelpRequestCancelled.VERSION,
                    HelpRequestCancelled.class,
                    "The request was cancelled: what was held for it is released"),
            new Message(
                    REQUESTS,
                    HelpRequestReceiptConfirmed.TYPE,
                    HelpRequestReceiptConfirmed.VERSION,
                    HelpRequestReceiptConfirmed.class,
                    "The community confirmed what it received"),
            new Message(
                    REQUESTS,
                    HelpRequestShortfallAccepted.TYPE,
                    HelpRequestShortfallAccepted.VERSION,
                    HelpRequestShortfallAccepted.class,
                    "The partner accepted a partial reservation: the rest is no longer waited for"),
            new Message(
                    REQUESTS,
                    HelpRequestEscalated.TYPE,
                    HelpRequestEscalated.VERSION,
                    HelpRequestEscalated.class,
                    "The request waited too long at one stage and was escalated to ops"),
            new Message(
                    REQUESTS,
                    HelpRequestPriorityCorrected.TYPE,
                    HelpRequestPriorityCorrected.VERSION,
                    HelpRequestPriorityCorrected.class,
                    "Ops corrected the request's priority or vulnerability flags"),
            new Message(
                    INVENTORY,
                    StockReservationOpened.TYPE,
                    StockReservationOpened.VERSION,
                    StockReservationOpened.class,
                    "inventory-service took the request on: a reservation is open"),
            new Message(
                    INVENTORY,
                    StockAllocation.RESERVED,
                    StockAllocation.VERSION,
                    StockAllocation.class,
                    "Every line of the request is reserved"),
            new Message(
                    INVENTORY,
                    StockAllocation.PARTIALLY_RESERVED,
                    StockAllocation.VERSION,
                    StockAllocation.class,
                    "Some units are reserved; the rest waits for the next donation"),
            new Message(
                    INVENTORY,
                    StockAllocation.UNAVAILABLE,
                    StockAllocation.VERSION,
                    StockAllocation.class,
                    "Nothing could be reserved yet: the request waits for stock"),
            new Message(
                    INVENTORY,
                    StockReservationReleased.TYPE,
                    StockReservationReleased.VERSION,
                    StockReservationReleased.class,
                    "What the reservation held went back to stock (cancelled, expired, delivered or written off)"),
            new Message(
                    DISPATCH,
                    TripScheduled.TYPE,
                    TripScheduled.VERSION,
                    TripScheduled.class,
                    "A vehicle was booked for a trip (again when a dispatcher moves it to another vehicle)"),
            new Message(
                    DISPATCH,
                    TripQueued.TYPE,
                    TripQueued.VERSION,
                    TripQueued.class,
                    "No vehicle can take the trip now: it waits in the queue, with the reason"),
            new Message(
                    DISPATCH,
                    TripWaitOverdue.TYPE,
                    TripWaitOverdue.VERSION,
                    TripWaitOverdue.class,
                    "A queued trip has waited longer than its priority allows"),
            new Message(
                    DISPATCH,
                    TripPickedUp.TYPE,
                    TripPickedUp.VERSION,
                    TripPickedUp.class,
                    "The goods were loaded, or the passenger picked up"),
            new Message(
                    DISPATCH,
                    TripDelivered.TYPE,
                    TripDelivered.VERSION,
                    TripDelivered.class,
                    "Delivered, with the proof of delivery per line"),
            new Message(
                    DISPATCH,
                    TripFailed.TYPE,
                    TripFailed.VERSION,
                    TripFailed.class,
                    "The trip failed; a replacement trip may follow"),
            new Message(
                    DISPATCH,
                    TripCancelled.TYPE,
                    TripCancelled.VERSION,
                    TripCancelled.class,
                    "The trip was cancelled (its request was)"),
            new Message(
                    VOLUNTEER,
                    VolunteerCallOpened.TYPE,
                    VolunteerCallOpened.VERSION,
                    VolunteerCallOpened.class,
                    "A call for volunteers was opened (loading a trip, a care visit)"),
            new Message(
                    VOLUNTEER,
                    VolunteerAssigned.TYPE,
                    VolunteerAssigned.VERSION,
                    VolunteerAssigned.class,
                    "A volunteer was offered a place on a call"),
            new Message(
                    VOLUNTEER,
                    VolunteerAssignmentAnswered.ACCEPTED,
                    VolunteerAssignmentAnswered.VERSION,
                    VolunteerAssignmentAnswered.class,
                    "The volunteer accepted"),
            new Message(
                    VOLUNTEER,
                    VolunteerAssignmentAnswered.DECLINED,
                    VolunteerAssignmentAnswered.VERSION,
                    VolunteerAssignmentAnswered.class,
                    "The volunteer declined"),
            new Message(
                    VOLUNTEER,
                    VolunteerCallShort.TYPE,
                    VolunteerCallShort.VERSION,
                    VolunteerCallShort.class,
                    "The call has fewer volunteers than it needs"),
            new Message(
                    VOLUNTEER,
                    VolunteerCallCompleted.TYPE,
                    VolunteerCallCompleted.VERSION,
                    VolunteerCallCompleted.class,
                    "The call was done, with the hours worked"),
            new Message(
                    VOLUNTEER,
                    VolunteerCallCancelled.TYPE,
                    VolunteerCallCancelled.VERSION,
                    VolunteerCallCancelled.class,
                    "The call was cancelled"),
            new Message(
                    KEYS,
                    PersonalDataKeyIssued.TYPE,
                    PersonalDataKeyIssued.VERSION,
                    PersonalDataKeyIssued.class,
                    "A data subject's key, wrapped under the platform's key-encryption key"),
            new Message(
                    KEYS,
                    PersonalDataErased.TYPE,
                    PersonalDataErased.VERSION,
                    PersonalDataErased.class,
                    "A data subject's personal data was erased: every service deletes its key"));

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A contract that declares a type but is not on the document would be published undescribed. */
    @Test
    void everyContractThatDeclaresATypeIsCatalogued() throws Exception {
        Set<String> catalogued = new TreeSet<>();
        MESSAGES.forEach(m -> catalogued.add(m.payload().getName()));
        Path classes = Path.of(
                Topics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name);
                boolean declaresType =
                        Stream.of(c.getFields()).anyMatch(fl -> fl.getName().equals("TYPE"));
                if (declaresType && !catalogued.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "contracts with a TYPE missing from EventCatalogueTest.MESSAGES");
    }

    @Test
    void theKeptAsyncApiDocumentAndSchemasAreTheContractsOnes() throws IOException {
        Path root = Path.of(System.getProperty("relief.project.root", "..")).resolve("docs/asyncapi");
        Map<Path, JsonNode> documents = new LinkedHashMap<>();
        for (Message m : MESSAGES) {
            documents.put(
                    root.resolve(schemaFile(m)),
                    JsonSchemas.of(
                            m.payload(), CloudEvents.dataSchema(m.type(), m.version()), m.type() + " v" + m.version()));
        }
        documents.put(root.resolve("asyncapi.json"), asyncApi());
        boolean export = Boolean.getBoolean("contracts.export");
        List<String> stale = new ArrayList<>();
        for (var d : documents.entrySet()) {
            Path file = d.getKey();
            if (export) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, JSON.writeValueAsString(d.getValue()) + "\n");
            }
            if (!Files.exists(file) || !JSON.readTree(file.toFile()).equals(d.getValue())) {
                stale.add(root.relativize(file).toString());
            }
        }
        assertEquals(
                List.of(),
                stale,
                "docs/asyncapi differs from the contracts: if the change is meant, run event-contracts' tests with "
                        + "-Dcontracts.export=true and commit the files");
        try (Stream<Path> kept = Files.list(root.resolve("schemas"))) {
            Set<Path> expected = documents.keySet();
            List<String> extra = kept.filter(p -> !expected.contains(p))
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertTrue(extra.isEmpty(), "schemas of no contract in docs/asyncapi/schemas: " + extra);
        }
    }

    static String schemaFile(Message m) {
        return "schemas/" + m.type() + ".v" + m.version() + ".json";
    }

    static ObjectNode asyncApi() {
        ObjectNode doc = F.objectNode();
        doc.put("asyncapi", "2.6.0");
        doc.put("id", "urn:relief-logistics:events");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Relief Logistics: events");
        info.put("version", "1");
        info.put(
                "description",
                "The integration events the four services publish on Kafka, one topic per publisher, and the data-key "
                        + "topic every service reads. Records are CloudEvents 1.0 in Kafka binary mode: the JSON payload "
                        + "as the value, the attributes as ce_* headers. Consumers deduplicate on ce_id and must "
                        + "tolerate properties they do not know. A new payload version is a new ce_schemaversion; "
                        + "docs/events.md tells who consumes what and how versions are read.");
        // the same contact as the OpenAPI documents (kernel: quarkus.smallrye-openapi.info-contact-*)
        info.putObject("contact")
                .put("name", "Relief Logistics operations")
                .put("url", "https://relief-logistics.org/contact");
        doc.put("defaultContentType", "application/json");
        ObjectNode local = doc.putObject("servers").putObject("local");
        local.put("url", "127.0.0.1:9092");
        local.put("protocol", "kafka");
        local.put(
                "description", "./platform up's broker (PLAINTEXT); a cluster's listener is SASL (docs/kubernetes.md)");
        ArrayNode tags = doc.putArray("tags");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode messages = doc.putObject("components").putObject("messages");
        Map<Channel, List<Message>> byChannel = new LinkedHashMap<>();
        MESSAGES.forEach(m ->
                byChannel.computeIfAbsent(m.channel(), c -> new ArrayList<>()).add(m));
        byChannel.forEach((channel, list) -> {
            tags.addObject().put("name", channel.topic()).put("description", channel.summary());
            ObjectNode c = channels.putObject(channel.topic());
            c.put(
                    "description",
                    channel.summary() + ". Published by " + channel.publisher() + "; key: " + channel.key() + ".");
            ObjectNode kafka = c.putObject("bindings").putObject("kafka");
            kafka.put("topic", channel.topic());
            kafka.put("partitions", 6);
            kafka.putObject("topicConfiguration").putArray("cleanup.policy").add(channel.cleanup());
            kafka.put("bindingVersion", "0.4.0");
            ObjectNode subscribe = c.putObject("subscribe");
            subscribe.put("operationId", camel(channel.topic()));
            subscribe.put("summary", "What " + channel.publisher() + " publishes");
            subscribe.put(
                    "description",
                    "Read with a consumer group of your own; every record is keyed by " + channel.key() + ", so the "
                            + "events of one key arrive in order.");
            subscribe.putArray("tags").addObject().put("name", channel.topic());
            ArrayNode oneOf = subscribe.putObject("message").putArray("oneOf");
            for (Message m : list) {
                String name = m.type();
                oneOf.addObject().put("$ref", "#/components/messages/" + name);
                ObjectNode message = messages.putObject(name);
                message.put("name", name);
                message.put("title", m.type() + " v" + m.version());
                message.put("summary", m.summary());
                message.put("contentType", "application/json");
                message.set("headers", headers(m));
                message.putObject("payload").put("$ref", schemaFile(m));
                message.putObject("correlationId")
                        .put("description", "the business flow: for the saga, the help request's id")
                        .put("location", "$message.header#/ce_correlationid");
                ObjectNode key = message.putObject("bindings").putObject("kafka");
                key.putObject("key").put("type", "string").put("description", channel.key());
                key.put("bindingVersion", "0.4.0");
            }
        });
        return doc;
    }

    private static ObjectNode headers(Message m) {
        ObjectNode h = F.objectNode();
        h.put("type", "object");
        h.putArray("required").add("ce_specversion").add("ce_id").add("ce_type").add("ce_source");
        ObjectNode p = h.putObject("properties");
        p.putObject("ce_specversion").put("type", "string").put("const", "1.0");
        p.putObject("ce_id")
                .put("type", "string")
                .put("format", "uuid")
                .put("description", "the event's id, the same when the record is sent again: deduplicate on it");
        p.putObject("ce_type").put("type", "string").put("const", m.type());
        p.putObject("ce_source")
                .put("type", "string")
                .put(
                        "description",
                        "/<service>, e.g. /" + m.channel().publisher().split(",")[0]);
        p.putObject("ce_subject").put("type", "string").put("description", "the aggregate the event is about");
        p.putObject("ce_time")
                .put("type", "string")
                .put("format", "date-time")
                .put("description", "when the event was written");
        p.putObject("ce_schemaversion")
                .put("type", "string")
                .put("const", String.valueOf(m.version()))
                .put("description", "the payload's schema version (1 when absent)");
        p.putObject("ce_dataschema")
                .put("type", "string")
                .put("const", CloudEvents.dataSchema(m.type(), m.version()))
                .put("description", "the $id of the payload's JSON Schema");
        p.putObject("ce_correlationid")
                .put("type", "string")
                .put("description", "the business flow: for the saga, the help request's id");
        p.putObject("ce_causationid")
                .put("type", "string")
                .put("description", "the ce_id of the event that caused this one (absent for a command)");
        p.putObject("ce_organisationid")
                .put("type", "string")
                .put("description", "the organisation on whose behalf the event was raised");
        p.putObject("content-type").put("type", "string").put("const", "application/json; charset=utf-8");
        p.putObject("traceparent").put("type", "string").put("description", "W3C trace context, when present");
        return h;
    }

    private static String camel(String topic) {
        StringBuilder s = new StringBuilder();
        for (String part : topic.split("[.\\-]")) {
            s.append(s.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return s.toString();
    }
}
