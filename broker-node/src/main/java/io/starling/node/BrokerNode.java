package io.starling.node;

import java.nio.file.Path;

/** A running broker node. Placeholder until the node wiring lands (issue 2, in progress). */
public final class BrokerNode implements AutoCloseable {

    public static BrokerNode startFromConfigFile(Path configFile) {
        throw new UnsupportedOperationException("node wiring not written yet");
    }

    @Override
    public void close() {
    }
}
