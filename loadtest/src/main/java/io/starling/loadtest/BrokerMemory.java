package io.starling.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident memory (VmRSS) of the broker process, from /proc/PID/status (Linux). */
final class BrokerMemory {

    private BrokerMemory() {
    }

    /** The broker's resident set in KiB, or -1 if it cannot be read (no such process, not Linux). */
    static long rssKib(long pid) {
        try {
            return vmRssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** The "VmRSS:   12345 kB" line of a /proc/PID/status text, in KiB. */
    static long vmRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]);
                }
                throw new IllegalArgumentException("unexpected VmRSS line '" + line + "'");
            }
        }
        throw new IllegalArgumentException("no VmRSS line (a kernel thread, or a zombie process?)");
    }
}
