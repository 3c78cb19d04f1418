package io.torii.perf.lab.ike;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest
{
    @Test
    void cpuTimeIsUserPlusSystemTicksCountedAfterTheCommandName()
    {
        // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
        final String stat = "4242 (char on) (x)) S 1 4242 4242 0 -1 4194560 900 0 3 0 170 35 0 0 20 0 17 0";

        assertThat(ProcStat.cpuTicks(stat)).hasValue(205);
        assertThat(ProcStat.cpuTicks("garbage")).isEmpty();
        assertThat(ProcStat.cpuTicks("1 (x) S 1 2")).isEmpty();
        assertThat(ProcStat.cpuTicks("1 (x) S 1 2 3 4 5 6 7 8 9 10 u s")).isEmpty();
    }

    @Test
    void residentMemoryIsVmRss()
    {
        assertThat(ProcStat.rssKib("Name:\tcharon\nVmPeak:\t 9000 kB\nVmRSS:\t   10348 kB\n")).hasValue(10348);
        assertThat(ProcStat.rssKib("Name:\tkthreadd\n")).isEmpty();
        assertThat(ProcStat.rssKib("VmRSS:\tlots kB\n")).isEmpty();
    }

    @Test
    void thisProcessIsReadable()
    {
        final long pid = ProcessHandle.current().pid();

        assertThat(ProcStat.cpuTicksOf(pid)).isPresent();
        assertThat(ProcStat.rssKibOf(pid).orElseThrow()).isPositive();
        assertThat(ProcStat.cpuTicksOf(Long.MAX_VALUE)).isEmpty();
        assertThat(ProcStat.memAvailableKib().orElseThrow()).isPositive();
    }
}
