package io.starling.sys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One member in {@code $SYS/broker/cluster/members/list}: {@code ADDRESS STATUS REACHABILITY},
 * e.g. {@code 127.0.0.1:2551 up reachable}, one line per member. ClusterSys writes these lines and
 * {@code starling-ctrl cluster status} reads them, so the format lives here, in one place.
 *
 * @param address   the member's cluster address, "host:port"
 * @param status    Pekko's member status in lower case with dashes: joining, weakly-up, up,
 *                  leaving, exiting, down, removed, ...
 * @param reachable false while the cluster's failure detector counts the member unreachable
 */
public record ClusterMemberLine(String address, String status, boolean reachable) {

    public static final String REACHABLE = "reachable";
    public static final String UNREACHABLE = "unreachable";

    public String text() {
        return address + " " + status + " " + (reachable ? REACHABLE : UNREACHABLE);
    }

    /** The whole topic's value: one line per member, in the given order. */
    public static String list(List<ClusterMemberLine> members) {
        List<String> lines = new ArrayList<>(members.size());
        members.forEach(member -> lines.add(member.text()));
        return String.join("\n", lines);
    }

    /** Reads the topic's value back; throws IllegalArgumentException on a line that is not a member. */
    public static List<ClusterMemberLine> parseList(String value) {
        List<ClusterMemberLine> members = new ArrayList<>();
        for (String line : value.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] words = line.trim().split(" +");
            if (words.length != 3 || !(REACHABLE.equals(words[2]) || UNREACHABLE.equals(words[2]))) {
                throw new IllegalArgumentException("not a cluster member line: '" + line + "'");
            }
            members.add(new ClusterMemberLine(words[0], words[1], REACHABLE.equals(words[2])));
        }
        return members;
    }

    /** Pekko's status name ({@code WeaklyUp}) as the list shows it ({@code weakly-up}). */
    public static String statusName(String pekkoName) {
        StringBuilder name = new StringBuilder(pekkoName.length() + 4);
        for (int i = 0; i < pekkoName.length(); i++) {
            char c = pekkoName.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                name.append('-');
            }
            name.append(Character.toLowerCase(c));
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }
}
