package org.relief.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventStoreBenchTest {
    @Test
    void theReportPutsOursBesideAxonPerOperationWithRatiosAndEventsPerSecond() {
        Map<String, double[]> score = Map.of(
                "appendOurs/1", new double[] {3000, 100},
                "appendAxon/1", new double[] {4000, 100},
                "appendOurs/10", new double[] {1500, 50},
                "appendAxon/10", new double[] {2000, 50},
                "loadOurs/1", new double[] {5000, 10},
                "loadAxon/1", new double[] {4000, 10},
                "appendOursAutoCommit/1", new double[] {3600, 100});
        String report = EventStoreBench.report(Options.parse("event-store", "--seconds", "5"), 8, 5, score, 6000);
        assertTrue(
                report.contains("| append (one transaction) | 1 | 3,000 ± 100 | 4,000 ± 100 | 0.75 | 3,000 |"), report);
        assertTrue(
                report.contains("| append (one transaction) | 10 | 1,500 ± 50 | 2,000 ± 50 | 0.75 | 15,000 |"), report);
        assertTrue(
                report.contains("| load a 20-event stream | – | 5,000 ± 10 | 4,000 ± 10 | 1.25 | 100,000 |"), report);
        assertTrue(
                report.contains(
                        "| append, ours in auto-commit as Axon runs here | 1 | 3,600 ± 100 | 4,000 ± 100 | 0.90 |"),
                report);
        assertTrue(
                !report.contains("auto-commit as Axon runs here | 10"), "a row without figures is left out: " + report);
        assertTrue(
                report.contains(
                        "6,000 single-row auto-commit inserts/s from 8 connections; one-event appends reach 0.50 of it"),
                report);
    }
}
