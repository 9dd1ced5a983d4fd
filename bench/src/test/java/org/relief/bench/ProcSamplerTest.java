package org.relief.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcSamplerTest {
    @Test
    void cpuTicksAreUtimePlusStimeCountedAfterTheCommandName() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194304 1000 0 5 0 1234 567 8 9 20 0 40 0 100 300000 7000";
        assertEquals(1234 + 567, ProcSampler.cpuTicks(stat));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "77 (postgres: relief (x) idle) S 1 77 77 0 -1 4194560 10 0 0 0 31 12 0 0 20 0 1 0 5 1 2";
        assertEquals(43, ProcSampler.cpuTicks(stat));
    }

    @Test
    void notAStatLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcSampler.cpuTicks("garbage"));
    }

    @Test
    void vmRssIsReadInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 999999 kB\nVmRSS:\t  263412 kB\nRssAnon:\t 200000 kB\n";
        assertEquals(263412, ProcSampler.vmRssKb(status));
        assertEquals(0, ProcSampler.vmRssKb("Name:\tkthreadd\nState:\tS (sleeping)\n"));
    }

    @Test
    void thisProcessIsReadable() {
        long self = ProcessHandle.current().pid();
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/stat"))) {
            org.junit.jupiter.api.Assertions.assertNotNull(ProcSampler.ticks(self));
            org.junit.jupiter.api.Assertions.assertTrue(ProcSampler.rssKb(self) > 0);
        }
    }
}
