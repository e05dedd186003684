package io.starling.mqtt;

import java.util.ArrayList;
import java.util.List;

/** Exhaustive topic strings for tests that check a matcher against {@link Topics#matches}. */
public final class TopicStrings {

    private TopicStrings() {
    }

    /** Every string of 1 to 3 levels built from {@code levels} (valid or not as names and filters). */
    public static List<String> upToThreeLevels(String... levels) {
        List<String> out = new ArrayList<>();
        generate(levels, "", 0, out);
        return out;
    }

    private static void generate(String[] levels, String prefix, int depth, List<String> out) {
        if (depth == 3) {
            return;
        }
        for (String level : levels) {
            String s = depth == 0 ? level : prefix + "/" + level;
            if (!s.isEmpty()) {
                out.add(s);
            }
            generate(levels, s, depth + 1, out);
        }
    }
}
