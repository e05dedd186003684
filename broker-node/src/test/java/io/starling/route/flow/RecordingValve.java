package io.starling.route.flow;

import java.util.ArrayList;
import java.util.List;

/** A valve that remembers every switch, standing in for a socket's auto-read flag. */
final class RecordingValve implements Throttle.Valve {

    final List<Boolean> switches = new ArrayList<>();

    @Override
    public synchronized void setReading(boolean reading) {
        switches.add(reading);
    }

    synchronized boolean reading() {
        return switches.isEmpty() || switches.get(switches.size() - 1);
    }
}
