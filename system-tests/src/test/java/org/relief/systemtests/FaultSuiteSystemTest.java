package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relief.systemtests.SystemApi.post;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.testing.InfrastructureMode;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * Issue 10's fault suite: waves of supplies sagas from many partner organisations, and while each wave is in
 * flight one fault: kill -9 of each service (restarted at once), the broker stopped cleanly and killed, PostgreSQL's
 * connections cut and the server crash-restarted, a consumer group rewound (every record of the run delivered again),
 * second instances of two services joining and dying mid-saga (two outbox relays, rebalances). Then poison events
 * and racing commands. Afterwards {@link SagaInvariants} must hold: every saga ended where it must, every committed
 * event reached each consumer, no effect twice, nobody double-booked, every projection equals its rebuild.
 * <p>
 * Recovery time per fault: from the repair (restart issued, broker or server back) until a fresh probe saga,
 * submitted then, is scheduled with its volunteer calls opened, i.e. until all four services work again.
 * <p>
 * Bounded here (wave {@code faults.wave}=20, {@code faults.rounds}=1: every fault once, which keeps CI under 40 minutes);
 * {@code ./platform soak} runs it bigger.
 * The figures go to {@code system-tests/target/reliability/fault-suite.md}.
 */
class FaultSuiteSystemTest {
    static final int WAVE = Integer.getInteger("faults.wave", 20);
    static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
    static final int QUANTITY = 10;
    /** Sagas submitted while one fault lasts, one every 400 ms. */
    static final int TRICKLE = 20;

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String RICE = "fault-rice-" + RUN;
    static final String FREIGHT_DESK = TestTokens.token("xian-road-freight-association", "dispatcher");
    static final String DONOR = TestTokens.token("xian-chamber-of-commerce", "donor");
    static final String COORDINATOR = TestTokens.token("xian-social-work-association", "volunteer-coordinator");
    static final String OPS = SagaInvariants.OPS;
    static final List<String> DATABASES =
            List.of("requests_system", "inventory_system", "dispatch_system", "volunteer_system");

    enum Fault {
        KILL_REQUESTS,
        KILL_INVENTORY,
        KILL_DISPATCH,
        KILL_VOLUNTEER,
        BROKER_STOPPED,
        BROKER_KILLED,
        DB_CONNECTIONS_CUT,
        DB_RESTARTED,
        OFFSETS_REWOUND,
        SECOND_INSTANCES
    }

    record Injection(Fault fault, int round, long downMillis, long recoveryMillis, String note) {}

    static ServiceProcess requests, inventory, dispatch, volunteer;
    static final List<ServiceProcess> extra = new ArrayList<>();
    static Map<TopicPartition, OffsetAndMetadata> runStart;
    static SagaLoad load;
    static final List<String> trucks = new ArrayList<>();
    static final List<String> volunteers = new ArrayList<>();
    static final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    static final Random random = new Random();

    static Map<String, String> config(String database, String instance) {
        Map<String, String> c = ServiceProcess.freshConfig(database);
        c.put("relief.kafka.instance-id", "fault-" + instance);
        // the desk registers a whole fleet at once here; the write limiter is not what this suite is about
        c.put("relief.rate-limit.writes-per-minute", "100000");
        c.put("relief.rate-limit.burst", "100000");
        return c;
    }

    /** At most: waves, probes, the second instances' half waves, the sagas arriving during faults, the races. */
    static int plannedSagas() {
        return (ROUNDS * Fault.values().length + 1) * (WAVE + 1)
                + ROUNDS * (WAVE / 2 + Fault.values().length * TRICKLE)
                + 20;
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                TestInfrastructure.mode() == InfrastructureMode.LOCAL,
                "the fault suite kills and restarts the broker and PostgreSQL it runs on: local infrastructure only");
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        runStart = ConsumerGroups.endOffsets();
        requests = new ServiceProcess("requests-service", config("requests_system", "requests-service")).start();
        inventory = new ServiceProcess("inventory-service", config("inventory_system", "inventory-service")).start();
        dispatch = new ServiceProcess("dispatch-service", config("dispatch_system", "dispatch-service")).start();
        volunteer = new ServiceProcess("volunteer-service", config("volunteer_system", "volunteer-service")).start();
        for (ServiceProcess p : all()) {
            p.awaitReady(Duration.ofSeconds(120));
        }
        String warehouse = post(
                        inventory,
                        OPS,
                        "/warehouses",
                        """
                {"name":"雁塔区应急物资仓库","district":"雁塔区","address":"雁塔区丈八东路9号"}""")
                .path("id");
        post(
                inventory,
                OPS,
                "/items",
                """
                {"code":"%s","nameZh":"大米 10kg","nameEn":"rice, 10 kg bag","category":"FOOD","unit":"bag",
                 "unitWeightKg":10,"unitVolumeM3":0.015,"perishable":false}"""
                        .formatted(RICE));
        post(
                inventory,
                DONOR,
                "/donations",
                """
                {"donorOrganisationId":"xian-chamber-of-commerce","warehouseId":"%s","valueYuan":1000,
                 "lines":[{"item":"%s","quantity":%d,"lotCode":"LOT-%s"}]}"""
                        .formatted(warehouse, RICE, plannedSagas() * QUANTITY * 2, RUN));
        String carrier = post(
                        dispatch,
                        FREIGHT_DESK,
                        "/carriers",
                        """
                {"name":"西安顺达货运有限公司","kind":"TRUCKING_COMPANY","association":"西安市道路货物运输协会","contactPhone":"029-88880000"}""")
                .path("id");
        // a truck for every saga: the suite is about faults, not about waiting for vehicles (registered 6 at a time)
        var registrations = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<String>> registered = new ArrayList<>();
        for (int i = 0; i < plannedSagas(); i++) {
            int n = i;
            registered.add(registrations.submit(() -> post(
                            dispatch,
                            FREIGHT_DESK,
                            "/vehicles",
                            """
                    {"carrierId":"%s","kind":"TRUCK","plate":"陕A·%05d","payloadKg":2000,"volumeM3":12,"seats":2,
                     "wheelchairAccessible":false,"homeDistrict":"雁塔区","driverName":"师傅","driverPhone":"13700000000"}"""
                                    .formatted(carrier, n))
                    .<String>path("id")));
        }
        for (var f : registered) {
            trucks.add(f.get());
        }
        registrations.shutdown();
        System.out.printf("fault suite: %d trucks registered%n", trucks.size());
        Instant now = Instant.now();
        for (int i = 0; i < 6; i++) {
            String id = post(
                            volunteer,
                            COORDINATOR,
                            "/volunteers",
                            """
                    {"name":"演练志愿者%d","phone":"1391111%04d","district":"雁塔区","skills":["loading"]}"""
                                    .formatted(i, i))
                    .path("id");
            Response r = given().baseUri(volunteer.baseUri())
                    .auth()
                    .oauth2(COORDINATOR)
                    .contentType(ContentType.JSON)
                    .body("{\"windows\":[{\"from\":\"%s\",\"to\":\"%s\"}]}"
                            .formatted(now.minusSeconds(3600), now.plusSeconds(3 * 86400)))
                    .put("/volunteers/" + id + "/availability");
            assertEquals(200, r.statusCode(), r.asString());
            volunteers.add(id);
        }
        load = new SagaLoad(requests, RICE, QUANTITY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (load != null) {
            load.close();
        }
        List<ServiceProcess> every = new ArrayList<>(extra);
        every.addAll(all());
        ServiceProcess.closeAll(every.toArray(ServiceProcess[]::new));
    }

    static List<ServiceProcess> all() {
        return java.util.Arrays.asList(requests, inventory, dispatch, volunteer);
    }

    @Test
    void faultsDuringSagaWavesLoseNothingAndDoNothingTwice() throws Exception {
        long started = System.nanoTime();
        List<Injection> injections = new ArrayList<>();
        load.wave(WAVE);
        long baseline = probe(System.nanoTime());
        for (int round = 1; round <= ROUNDS; round++) {
            for (Fault fault : Fault.values()) {
                // hit the wave at a random moment while it is in flight: once a random share of it is accepted
                int mark = load.accepted.size() + 1 + random.nextInt(Math.max(1, WAVE / 2));
                load.wave(WAVE);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> load.accepted.size() >= mark);
                long down = System.nanoTime();
                String note;
                try (AutoCloseable arriving = load.trickle(Duration.ofMillis(400), TRICKLE)) {
                    note = inject(fault, round);
                }
                long repaired = System.nanoTime();
                long recovery = probe(repaired);
                injections.add(new Injection(fault, round, (repaired - down) / 1_000_000, recovery, note));
                System.out.printf(
                        "fault suite: %s (round %d) repaired after %d ms, recovered %d ms later%s%n",
                        fault, round, (repaired - down) / 1_000_000, recovery, note.isEmpty() ? "" : " (" + note + ")");
            }
        }
        Map<String, Object> poison = poisonEventsAreParkedForTheirKeyAndDiscardedByOps();
        Map<String, Object> races = racingCommandsOnOneRequestTakeEffectOnce();
        load.awaitSubmitted(Duration.ofMinutes(6));

        SagaInvariants invariants = new SagaInvariants(requests, inventory, dispatch, volunteer);
        List<String> violations = new ArrayList<>();
        // every saga gets there eventually: wait for the stragglers, then check everything once
        // (a timeout here is not the verdict: the checks below then say what did not settle, and the report is written)
        settle(
                Duration.ofMinutes(5),
                () -> invariants
                                .everySagaEnded(load.accepted, cancelled, "TRANSPORT_SCHEDULED")
                                .isEmpty()
                        && invariants
                                .stockHeldOncePerSaga(RICE, load.accepted.size() - cancelled.size(), QUANTITY)
                                .isEmpty());
        settle(
                Duration.ofMinutes(2),
                () -> invariants.everyEventReachedEveryConsumer().isEmpty());
        violations.addAll(invariants.everySagaEnded(load.accepted, cancelled, "TRANSPORT_SCHEDULED"));
        violations.addAll(invariants.stockHeldOncePerSaga(RICE, load.accepted.size() - cancelled.size(), QUANTITY));
        violations.addAll(invariants.everyEventReachedEveryConsumer());
        violations.addAll(invariants.oneTripAndOneSetOfCallsPerSaga(load.accepted, cancelled));
        violations.addAll(invariants.nobodyDoubleBooked(trucks, volunteers));
        violations.addAll(invariants.nothingParked());
        violations.addAll(invariants.projectionsEqualTheirEventStores());
        violations.addAll(load.defects);

        Path report = writeReport(
                injections,
                baseline,
                invariants.figures,
                poison,
                races,
                violations,
                (System.nanoTime() - started) / 1_000_000_000);
        System.out.println(Files.readString(report));
        assertEquals(
                0,
                load.answered("500"),
                "answers 500 while a dependency was away: " + load.answers + "; what the services logged: "
                        + ServiceProcess.unexpectedFailures(10));
        // clients kept arriving while PostgreSQL restarted: they were told to come back, and came back accepted
        assertTrue(load.answered("503") > 0, "no submission met the database restart: " + load.answers);
        assertTrue(
                violations.isEmpty(),
                violations.size() + " violations, first ones: "
                        + violations.subList(0, Math.min(20, violations.size())));
    }

    private static void settle(Duration max, java.util.concurrent.Callable<Boolean> settled) {
        try {
            await().atMost(max).pollInterval(Duration.ofSeconds(5)).until(settled);
        } catch (org.awaitility.core.ConditionTimeoutException notSettled) {
            System.out.println("fault suite: not settled within " + max + "; the checks say what is missing");
        }
    }

    // ------------------------------------------------------------------ faults

    private String inject(Fault fault, int round) throws Exception {
        switch (fault) {
            case KILL_REQUESTS -> crashAndRestart(requests);
            case KILL_INVENTORY -> crashAndRestart(inventory);
            case KILL_DISPATCH -> crashAndRestart(dispatch);
            case KILL_VOLUNTEER -> crashAndRestart(volunteer);
            case BROKER_STOPPED -> {
                Faults.stopBroker();
                Faults.startBroker();
            }
            case BROKER_KILLED -> {
                Faults.killBroker();
                Faults.startBroker();
            }
            case DB_CONNECTIONS_CUT -> {
                return Faults.terminateServiceConnections(DATABASES) + " connections terminated";
            }
            case DB_RESTARTED -> Faults.restartPostgres();
            case OFFSETS_REWOUND -> {
                // a different service each round: stopped, its group moved back to where this run began, restarted
                ServiceProcess s =
                        List.of(inventory, dispatch, volunteer, requests).get((round - 1) % 4);
                s.close();
                ConsumerGroups.moveTo(s.name, runStart);
                s.start().awaitReady(Duration.ofSeconds(120));
                return s.name + " re-reads every record of the run";
            }
            case SECOND_INSTANCES -> {
                // a second requests-service (its relay competes with the first) and a second inventory-service
                // (its consumers take half the partitions) join mid-wave, work a while, and die by kill -9
                ServiceProcess r2 = new ServiceProcess(
                                "requests-service", second("requests_system", "requests-service-" + round))
                        .start();
                ServiceProcess i2 = new ServiceProcess(
                                "inventory-service", second("inventory_system", "inventory-service-" + round))
                        .start();
                extra.add(r2);
                extra.add(i2);
                r2.awaitReady(Duration.ofSeconds(120));
                i2.awaitReady(Duration.ofSeconds(120));
                // they work while a half wave is taken in, then die
                int halfWave = load.accepted.size() + WAVE / 2;
                load.wave(WAVE / 2);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> load.accepted.size() >= halfWave);
                r2.kill();
                i2.kill();
                return "second requests-service and inventory-service joined, then were killed";
            }
        }
        return "";
    }

    private static Map<String, String> second(String database, String instance) {
        Map<String, String> c = ServiceProcess.config(database); // the same database, not cleaned
        c.put("relief.kafka.instance-id", "fault-" + instance + "-b");
        c.put("relief.rate-limit.writes-per-minute", "100000");
        c.put("relief.rate-limit.burst", "100000");
        return c;
    }

    private static void crashAndRestart(ServiceProcess s) throws Exception {
        s.kill();
        s.start().awaitReady(Duration.ofSeconds(120));
    }

    /** From {@code repairedAt} until a saga submitted now is scheduled and its volunteer calls are open (ms). */
    private long probe(long repairedAt) {
        String id = load.submitUntilAccepted(load.submitted() + 100_000, Duration.ofMinutes(3));
        assertTrue(id != null, "the probe saga was not accepted: " + load.defects);
        String org = load.accepted.get(id);
        java.util.concurrent.Callable<Boolean> through =
                () -> "TRANSPORT_SCHEDULED".equals(SagaInvariants.status(requests, id, org))
                        && !SagaInvariants.calls(volunteer, id).isEmpty();
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(through);
        } catch (org.awaitility.core.ConditionTimeoutException slow) {
            // where it stands now goes into the output and the report; a saga that still gets through is a slow
            // recovery (a figure), one that does not is a failure, with both pictures of where it stood
            String first = whereIs(id, org);
            System.out.println("fault suite: the probe saga " + id + " is not through after 3 min:" + first);
            try {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(through);
                slowProbes.add(id + " got through after " + (System.nanoTime() - repairedAt) / 1_000_000_000
                        + " s; after 3 min it stood:" + first);
            } catch (org.awaitility.core.ConditionTimeoutException stuck) {
                throw new AssertionError(
                        "the probe saga " + id + " did not get through in 6 min; after 3 min:" + first
                                + "\n after 6 min:" + whereIs(id, org),
                        stuck);
            }
        }
        return (System.nanoTime() - repairedAt) / 1_000_000;
    }

    /** Probe sagas that needed more than 3 minutes, with where they stood then: reported, never silent. */
    static final List<String> slowProbes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Where a saga stands in each service, for a failure message: CI keeps no service logs. */
    private static String whereIs(String id, String org) {
        StringBuilder s = new StringBuilder();
        s.append("\n request: ")
                .append(given().baseUri(requests.baseUri())
                        .auth()
                        .oauth2(SagaLoad.partnerToken(org))
                        .get("/help-requests/" + id)
                        .asString());
        s.append("\n reservation: ")
                .append(given().baseUri(inventory.baseUri())
                        .auth()
                        .oauth2(OPS)
                        .get("/reservations/" + id)
                        .asString());
        s.append("\n trips: ")
                .append(given().baseUri(dispatch.baseUri())
                        .auth()
                        .oauth2(OPS)
                        .queryParam("requestId", id)
                        .get("/trips")
                        .asString());
        try {
            s.append("\n calls: ").append(SagaInvariants.calls(volunteer, id));
        } catch (AssertionError | RuntimeException volunteerAway) {
            s.append("\n calls: not readable: ").append(volunteerAway.getMessage());
        }
        s.append("\n consumer lag: ").append(ConsumerGroups.lag());
        s.append("\n failures: ").append(ServiceProcess.unexpectedFailures(5));
        for (ServiceProcess p : all()) {
            // each service's outbox backlog and consumers, what it parked, and what it warned about lately
            s.append("\n ").append(p.name).append(" kafka health: ").append(quietly(() -> given().baseUri(
                            p.managementUri())
                    .get("/q/health/group/kafka")
                    .asString()));
            s.append("\n ").append(p.name).append(" parked: ").append(quietly(() -> given().baseUri(p.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/ops/parked-events")
                    .asString()));
            s.append("\n ").append(p.name).append(" warnings: ");
            p.recentWarnings(15).forEach(line -> s.append("\n   ").append(line));
        }
        return s.toString();
    }

    private static String quietly(java.util.concurrent.Callable<String> read) {
        try {
            String text = read.call();
            return text.length() > 3000 ? text.substring(0, 3000) + " …" : text;
        } catch (Exception e) {
            return "not readable: " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------ poison and races

    /**
     * Three records no consumer can apply (not JSON, a version from the future, a payload that does not fit its
     * schema), each on its own key, and a good event behind the first on the same key: each consumer of the topic
     * parks them and holds the good one back, while other keys flow (a probe saga completes). Ops then discards
     * the three and replays the key: the good one applies.
     */
    private Map<String, Object> poisonEventsAreParkedForTheirKeyAndDiscardedByOps() throws Exception {
        String key = "poison-" + RUN;
        Faults.produce(Topics.REQUESTS, key, HelpRequestSubmitted.TYPE, HelpRequestSubmitted.VERSION, "{not json");
        Faults.produce(
                Topics.REQUESTS, key + "-v99", HelpRequestSubmitted.TYPE, 99, "{\"requestId\":\"" + key + "-v99\"}");
        Faults.produce(
                Topics.REQUESTS,
                key + "-schema",
                HelpRequestSubmitted.TYPE,
                HelpRequestSubmitted.VERSION,
                "{\"requestId\":\"" + key + "-schema\",\"lines\":\"not a list\",\"submittedAt\":\"yesterday\"}");
        Faults.produce(
                Topics.REQUESTS,
                key,
                HelpRequestCancelled.TYPE,
                HelpRequestCancelled.VERSION,
                """
                {"requestId":"%s","organisationId":"fault-community-0","reason":"演练","cancelledBy":"fault-suite",
                 "cancelledAt":"%s"}"""
                        .formatted(key, Instant.now()));
        long flowing = probe(System.nanoTime());
        List<ServiceProcess> consumersOfRequests = List.of(inventory, dispatch, volunteer);
        int parked = 0;
        int discarded = 0;
        int replayed = 0;
        for (ServiceProcess s : consumersOfRequests) {
            String consumer = s.name + ".requests-events";
            // only the poison's keys: anything else parked here is a finding the invariant checker reports
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> poisonParked(s, consumer, key).size() >= 4);
            List<Map<String, Object>> open = poisonParked(s, consumer, key);
            parked += open.size();
            for (Map<String, Object> p : open) {
                if (!HelpRequestCancelled.TYPE.equals(p.get("eventType"))) {
                    given().baseUri(s.baseUri())
                            .auth()
                            .oauth2(OPS)
                            .contentType(ContentType.JSON)
                            .body(Map.of("consumer", consumer, "reason", "fault suite: cannot ever apply"))
                            .post("/ops/parked-events/" + p.get("id") + "/discard")
                            .then()
                            .statusCode(204);
                    discarded++;
                }
            }
            int applied = given().baseUri(s.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .contentType(ContentType.JSON)
                    .body(Map.of("consumer", consumer, "key", key))
                    .post("/ops/parked-events/replay")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("applied");
            assertEquals(1, applied, s.name + ": the cancellation held back behind the garbage applies on replay");
            replayed += applied;
            assertTrue(poisonParked(s, consumer, key).isEmpty(), s.name + " still has parked poison");
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("poison records produced", 3);
        figures.put("parked (3 poison + 1 held back, per consumer)", parked);
        figures.put("discarded by ops", discarded);
        figures.put("applied on replay", replayed);
        figures.put("probe saga while poison was parked (ms)", flowing);
        return figures;
    }

    private static List<Map<String, Object>> poisonParked(ServiceProcess s, String consumer, String key) {
        List<Map<String, Object>> all = given().baseUri(s.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("consumer", consumer)
                .get("/ops/parked-events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(p -> String.valueOf(p.get("key")).startsWith(key))
                .toList();
    }

    /**
     * Two cancellations of one request at once: exactly one takes effect, the other is told 409. A cancellation racing
     * the truck's pickup: whichever lands first, the request ends cancelled, its trip cancelled, its stock back.
     */
    private Map<String, Object> racingCommandsOnOneRequestTakeEffectOnce() {
        List<String> scheduled = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = load.submitUntilAccepted(load.submitted() + 200_000 + i, Duration.ofMinutes(2));
            scheduled.add(id);
        }
        for (String id : scheduled) {
            await().atMost(Duration.ofMinutes(2)).until(() -> "TRANSPORT_SCHEDULED"
                    .equals(SagaInvariants.status(requests, id, load.accepted.get(id))));
        }
        int doubleCancels = 0;
        int pickupsWon = 0;
        for (int i = 0; i < scheduled.size(); i++) {
            String id = scheduled.get(i);
            String partner = SagaLoad.partnerToken(load.accepted.get(id));
            CompletableFuture<Integer> cancel = CompletableFuture.supplyAsync(() -> cancel(id, partner));
            CompletableFuture<Integer> other;
            if (i % 2 == 0) {
                other = CompletableFuture.supplyAsync(() -> cancel(id, partner));
            } else {
                String tripId = given().baseUri(dispatch.baseUri())
                        .auth()
                        .oauth2(OPS)
                        .queryParam("requestId", id)
                        .get("/trips")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("items[0].id");
                other = CompletableFuture.supplyAsync(() -> given().baseUri(dispatch.baseUri())
                        .auth()
                        .oauth2(FREIGHT_DESK)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/trips/" + tripId + "/pickup")
                        .statusCode());
            }
            int a = cancel.join();
            int b = other.join();
            cancelled.add(id);
            if (i % 2 == 0) {
                assertEquals(
                        Set.of(200, 409), Set.of(a, b), "two cancellations of " + id + ": one wins, one is told 409");
                List<String> events = given().baseUri(requests.baseUri())
                        .auth()
                        .oauth2(partner)
                        .get("/help-requests/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("timeline.event");
                assertEquals(1, events.stream().filter("Cancelled"::equals).count(), id + " timeline " + events);
                doubleCancels++;
            } else {
                assertEquals(200, a, "the cancellation racing the pickup of " + id);
                assertTrue(b == 200 || b == 409, "pickup racing a cancellation answered " + b);
                if (b == 200) {
                    pickupsWon++;
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("double cancellations (one took effect each)", doubleCancels);
        figures.put("cancellations racing a pickup", scheduled.size() - doubleCancels);
        figures.put("of which the pickup landed first (load went back)", pickupsWon);
        return figures;
    }

    private static int cancel(String id, String partner) {
        return given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已从其他渠道获得物资\"}")
                .post("/help-requests/" + id + "/cancellation")
                .statusCode();
    }

    // ------------------------------------------------------------------ helpers and report

    private Path writeReport(
            List<Injection> injections,
            long baseline,
            Map<String, Long> figures,
            Map<String, Object> poison,
            Map<String, Object> races,
            List<String> violations,
            long seconds)
            throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Fault suite run ").append(Instant.now()).append("\n\n");
        md.append("Wave ")
                .append(WAVE)
                .append(", rounds ")
                .append(ROUNDS)
                .append(", ")
                .append(load.accepted.size())
                .append(" sagas accepted (")
                .append(cancelled.size())
                .append(" cancelled on purpose), ")
                .append(injections.size())
                .append(" faults injected, ")
                .append(seconds)
                .append(" s in all.\n\n");
        md.append("Recovery = from the repair (restart issued, broker or server back) until a saga submitted then is ")
                .append("scheduled with its volunteer calls open. Baseline (no fault): ")
                .append(baseline)
                .append(" ms.\n\n");
        md.append(
                "| fault | injected | repair took (ms, median / max) | recovery (ms, median / max) |\n|---|---|---|---|\n");
        for (Fault f : Fault.values()) {
            List<Injection> of = injections.stream().filter(i -> i.fault() == f).toList();
            if (of.isEmpty()) {
                continue;
            }
            md.append("| ")
                    .append(f.name().toLowerCase().replace('_', ' '))
                    .append(" | ")
                    .append(of.size())
                    .append(" | ")
                    .append(median(of.stream().mapToLong(Injection::downMillis).toArray()))
                    .append(" / ")
                    .append(of.stream().mapToLong(Injection::downMillis).max().orElse(0))
                    .append(" | ")
                    .append(median(
                            of.stream().mapToLong(Injection::recoveryMillis).toArray()))
                    .append(" / ")
                    .append(of.stream()
                            .mapToLong(Injection::recoveryMillis)
                            .max()
                            .orElse(0))
                    .append(" |\n");
        }
        md.append("\nProbe sagas slower than 3 min: ").append(slowProbes.size()).append('\n');
        slowProbes.forEach(p -> md.append("- ").append(p.replace('\n', ' ')).append('\n'));
        md.append("\nClient answers while submitting (retries included): ")
                .append(new java.util.TreeMap<>(load.answers))
                .append(" (IO = connection refused or reset while a service was down)\n\n");
        md.append("| checked | count |\n|---|---|\n");
        figures.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        poison.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        races.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\nViolations (lost events, effects twice, sagas stuck, double bookings, parked, projections): ")
                .append(violations.size())
                .append("\n");
        violations.stream().limit(50).forEach(v -> md.append("- ").append(v).append('\n'));
        Path dir = TestInfrastructure.projectRoot().resolve("system-tests/target/reliability");
        Files.createDirectories(dir);
        Path file = dir.resolve("fault-suite.md");
        Files.writeString(file, md.toString());
        return file;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2]; // the lower median: of two runs, the better
    }
}
