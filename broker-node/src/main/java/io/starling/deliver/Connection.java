package io.starling.deliver;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.starling.auth.ClientAccess;
import io.starling.route.flow.Throttle;

/**
 * One client's network connection as the session sees it. Implemented over a Netty channel in
 * {@code listen}; calls are thread-safe and never block.
 */
public interface Connection {

    /** 3 (MQTT 3.1), 4 (3.1.1) or 5. */
    int protocolLevel();

    /** The client's address, for log lines. */
    String remoteAddress();

    /** Queues a packet for writing; writes are flushed once per burst, not per packet. */
    void send(MqttMessage packet);

    /** False while the socket's send buffer is above its high-water mark. */
    boolean isWritable();

    /** What the client may do, checked on each PUBLISH it sends and each message sent to it. */
    ClientAccess access();

    /** Whether the broker reads this client's socket: held back while its subscribers lag. */
    Throttle throttle();

    /** MQTT 5: sends DISCONNECT with the reason code, then closes. MQTT 3: just closes. */
    void disconnect(byte reasonCode, String reasonString);

    /** Closes the network connection without a DISCONNECT. */
    void close();

    default boolean isMqtt5() {
        return protocolLevel() == 5;
    }
}
