package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON byte for byte as cJSON does: {@code cJSON_Print} (tabs, {@code "key":<TAB>value},
 * array elements separated by {@code ", "}) for the saved file, {@code cJSON_PrintUnformatted} for
 * answers. Only what the plugin writes is supported: objects, arrays, strings, integers, booleans.
 */
final class CJsonPrinter {

    private final StringBuilder out = new StringBuilder();
    private final boolean formatted;
    private int depth;

    private CJsonPrinter(boolean formatted) {
        this.formatted = formatted;
    }

    /** {@code cJSON_Print}. */
    static String formatted(JsonNode node) {
        CJsonPrinter p = new CJsonPrinter(true);
        p.value(node);
        return p.out.toString();
    }

    /** {@code cJSON_PrintUnformatted}. */
    static String compact(JsonNode node) {
        CJsonPrinter p = new CJsonPrinter(false);
        p.value(node);
        return p.out.toString();
    }

    private void value(JsonNode node) {
        if (node.isObject()) {
            object(node);
        } else if (node.isArray()) {
            array(node);
        } else if (node.isTextual()) {
            string(node.textValue());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            out.append(node.longValue());
        } else if (node.isNull()) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("cJSON printing of " + node.getNodeType() + " is not needed");
        }
    }

    private void object(JsonNode node) {
        out.append('{');
        depth++;
        if (formatted) {
            out.append('\n');
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (formatted) {
                out.append("\t".repeat(depth));
            }
            string(e.getKey());
            out.append(':');
            if (formatted) {
                out.append('\t');
            }
            value(e.getValue());
            if (it.hasNext()) {
                out.append(',');
            }
            if (formatted) {
                out.append('\n');
            }
        }
        if (formatted) {
            out.append("\t".repeat(depth - 1));
        }
        out.append('}');
        depth--;
    }

    private void array(JsonNode node) {
        out.append('[');
        depth++;
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(formatted ? ", " : ",");
            }
            value(node.get(i));
        }
        out.append(']');
        depth--;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 32) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
