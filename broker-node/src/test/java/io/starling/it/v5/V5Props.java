package io.starling.it.v5;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.BinaryProperty;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT 5 properties for raw packets, built fluently ({@code V5Props.none().integer(ID, 5)}) and
 * read back by property identifier (the constants of {@link MqttProperties}).
 */
public final class V5Props {

    private final MqttProperties props = new MqttProperties();

    private V5Props() {
    }

    public static V5Props none() {
        return new V5Props();
    }

    public V5Props integer(int id, int value) {
        props.add(new IntegerProperty(id, value));
        return this;
    }

    public V5Props string(int id, String value) {
        props.add(new StringProperty(id, value));
        return this;
    }

    public V5Props binary(int id, byte[] value) {
        props.add(new BinaryProperty(id, value));
        return this;
    }

    public V5Props user(String key, String value) {
        props.add(new UserProperty(key, value));
        return this;
    }

    public MqttProperties build() {
        return props;
    }

    /** The value of an integer property, or null when absent. */
    public static Integer integer(MqttProperties props, int id) {
        MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (Integer) p.value();
    }

    /** The value of a string property, or null when absent. */
    public static String string(MqttProperties props, int id) {
        MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (String) p.value();
    }

    /** The value of a binary property, or null when absent. */
    public static byte[] binary(MqttProperties props, int id) {
        MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (byte[]) p.value();
    }

    /** All values of a property that may repeat (subscription identifiers), in packet order. */
    public static List<Integer> integers(MqttProperties props, int id) {
        List<Integer> values = new ArrayList<>();
        for (MqttProperty<?> p : props.getProperties(id)) {
            values.add((Integer) p.value());
        }
        return values;
    }

    /** User properties as "key=value" strings, in packet order. */
    public static List<String> users(MqttProperties props) {
        List<String> pairs = new ArrayList<>();
        for (MqttProperty<?> p : props.getProperties(MqttProperties.USER_PROPERTY)) {
            // Netty hands them out one by one or gathered in a list, depending on the version
            if (p.value() instanceof StringPair pair) {
                pairs.add(pair.key + "=" + pair.value);
            } else {
                for (Object o : (List<?>) p.value()) {
                    StringPair pair = (StringPair) o;
                    pairs.add(pair.key + "=" + pair.value);
                }
            }
        }
        return pairs;
    }
}
