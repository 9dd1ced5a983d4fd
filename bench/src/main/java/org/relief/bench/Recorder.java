package org.relief.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Submit answers of one run: latency of every accepted submission in microseconds (overall, per second of the run
 * and per 10-second interval), answers by status, 429/503 retries, the ids accepted.
 */
final class Recorder {
    static final long MAX_MICROS = 3_600_000_000L;

    final long startNanos = System.nanoTime();
    final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
    final Map<Long, Histogram> perSecond = new ConcurrentHashMap<>();
    final Map<Long, Histogram> perTenSeconds = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> retries = new ConcurrentHashMap<>();
    final Map<Integer, String> firstErrors = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> acceptedIds = new ConcurrentLinkedQueue<>();
    final AtomicInteger exceptions = new AtomicInteger();
    final AtomicLong lastAnswerNanos = new AtomicLong(startNanos);

    /**
     * One final answer: {@code sentNanos} is when the call started (or, open model, was meant to start), so the
     * latency includes any wait behind earlier calls.
     */
    void answered(int status, long sentNanos, long doneNanos, String id, String body) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        lastAnswerNanos.accumulateAndGet(doneNanos, Math::max);
        if (status == 201) {
            long micros = Math.min(MAX_MICROS, Math.max(1, (doneNanos - sentNanos) / 1000));
            latency.recordValue(micros);
            long sec = Math.max(0, (sentNanos - startNanos) / 1_000_000_000L);
            perSecond
                    .computeIfAbsent(sec, s -> new ConcurrentHistogram(MAX_MICROS, 3))
                    .recordValue(micros);
            perTenSeconds
                    .computeIfAbsent(sec / 10, s -> new ConcurrentHistogram(MAX_MICROS, 3))
                    .recordValue(micros);
            if (id != null) {
                acceptedIds.add(id);
            }
        } else if (body != null) {
            firstErrors.putIfAbsent(status, body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    void failed(Exception e) {
        exceptions.incrementAndGet();
        firstErrors.putIfAbsent(-1, e.toString());
    }

    void retried(int status) {
        retries.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    int accepted() {
        return acceptedIds.size();
    }

    Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> m = new TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    Map<Integer, Integer> retryCounts() {
        Map<Integer, Integer> m = new TreeMap<>();
        retries.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
