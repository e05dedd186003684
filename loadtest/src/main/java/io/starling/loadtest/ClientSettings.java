package io.starling.loadtest;

import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * What a generator connection puts in its CONNECT. {@code cleanSession false} asks for a
 * persistent session (MQTT 5: clean start off and a session expiry interval).
 */
record ClientSettings(String clientId, MqttVersion version, String username, String password, int keepAliveSeconds,
                      boolean cleanSession) {
}
