package io.starling.listen;

/** The name of every handler in a client channel's pipeline, in order from the socket inwards. */
public final class PipelineNames {

    private PipelineNames() {
    }

    /** Counts bytes in and out for $SYS. */
    public static final String TRAFFIC = "traffic";
    /** Turns the flush after every write of a burst into one flush per burst. */
    public static final String FLUSH = "flushConsolidation";
    /** Closes a connection that sends no CONNECT in time, later enforces keep alive (1.5x). */
    public static final String IDLE = "idle";
    /** Cuts the stream into whole packets and catches packets the decoder cannot finish. */
    public static final String FRAMER = "packetFramer";
    public static final String DECODER = "mqttDecoder";
    public static final String ENCODER = "mqttEncoder";
    /** The channel side of the session: CONNECT handling and hand-over to the session actor. */
    public static final String MQTT = "mqtt";
}
