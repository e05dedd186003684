package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Reading JSON the way the plugin reads it with cJSON: {@code cJSON_GetObjectItem} finds the first
 * member whose name equals the key ignoring ASCII case (so {@code mosquitto_ctrl}'s
 * {@code "textName"} is the {@code "textname"} field), numbers become {@code int} by truncation
 * and saturation, and optional values of the wrong type fall back to the default.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The result of {@code json_get_string}: absent, wrong type, or a value. */
    record Str(boolean present, boolean valid, String value) {
        static final Str ABSENT = new Str(false, true, null);
        static final Str INVALID = new Str(true, false, null);

        /** json_get_string(..., optional=false) == MOSQ_ERR_SUCCESS */
        boolean requiredOk() {
            return present && valid;
        }
    }

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code cJSON_GetObjectItem}: first member with the name in any ASCII case, or null. */
    static JsonNode get(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name) && asciiEqualsIgnoreCase(e.getKey(), name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** {@code json_get_string}. */
    static Str string(JsonNode node, String name) {
        JsonNode v = get(node, name);
        if (v == null) {
            return Str.ABSENT;
        }
        return v.isTextual() ? new Str(true, true, CStrings.beforeNul(v.textValue())) : Str.INVALID;
    }

    /** The string value if the member is a string, otherwise null. */
    static String stringOrNull(JsonNode node, String name) {
        return string(node, name).value();
    }

    /** {@code json_get_int(..., optional=true, default)}: cJSON's {@code valueint}. */
    static int intOr(JsonNode node, String name, int defaultValue) {
        JsonNode v = get(node, name);
        return v != null && v.isNumber() ? toInt(v) : defaultValue;
    }

    /** cJSON's valueint: the double truncated toward zero, saturated to the int range. */
    static int toInt(JsonNode number) {
        double d = number.asDouble();
        if (d >= Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        if (d <= Integer.MIN_VALUE) {
            return Integer.MIN_VALUE;
        }
        return (int) d;
    }

    /** {@code json_get_bool(..., optional=true, default)}. */
    static boolean boolOr(JsonNode node, String name, boolean defaultValue) {
        JsonNode v = get(node, name);
        return v != null && v.isBoolean() ? v.booleanValue() : defaultValue;
    }
}
