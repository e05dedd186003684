package io.starling.auth.dynsec;

/**
 * Whether a {@code subscribePattern} / {@code unsubscribePattern} rule covers the filter a client
 * subscribes to (Mosquitto's {@code sub_acl_check}): every topic the filter can match must be
 * matched by the rule. {@code +} in the rule covers any one level, including a {@code +} in the
 * filter; a rule ending in {@code /#} (or {@code #} alone) covers any deeper levels, and also its
 * parent level; a filter's {@code #} is only covered by a rule's {@code #}.
 */
final class SubscriptionPattern {

    private SubscriptionPattern() {
    }

    static boolean covers(String rule, String filter) {
        if (rule.equals("#")) {
            return true;
        }
        boolean ruleHash = endsWithHash(rule);
        boolean filterHash = endsWithHash(filter);
        String[] r = strip(rule, ruleHash).split("/", -1);
        String[] f = strip(filter, filterHash).split("/", -1);
        if (filterHash && !ruleHash) {
            return false;
        }
        if (r.length > f.length || (f.length > r.length && !ruleHash)) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (i < r.length) {
                if (!r[i].equals("+") && !r[i].equals(f[i])) {
                    return false;
                }
            } else if (!ruleHash) {
                return false;
            }
        }
        return true;
    }

    /** {@code #} alone or a final {@code /#}. */
    private static boolean endsWithHash(String s) {
        return s.equals("#") || s.endsWith("/#");
    }

    private static String strip(String s, boolean hash) {
        if (!hash) {
            return s;
        }
        return s.equals("#") ? "" : s.substring(0, s.length() - 2);
    }
}
