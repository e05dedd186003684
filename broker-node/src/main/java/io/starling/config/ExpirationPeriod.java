package io.starling.config;

import java.time.Duration;

/**
 * Reads {@code persistent_client_expiration}: a positive whole number followed by one unit letter,
 * {@code h} hour, {@code d} day, {@code w} week, {@code m} month (30 days), {@code y} year (365
 * days), as in Mosquitto — e.g. {@code 14d}, {@code 2m}, {@code 1y}.
 */
final class ExpirationPeriod {

    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;

    private ExpirationPeriod() {
    }

    static Duration parse(ConfigLine line) throws ConfigException {
        String value = line.single();
        char unit = value.charAt(value.length() - 1);
        long seconds = switch (unit) {
            case 'h' -> HOUR;
            case 'd' -> DAY;
            case 'w' -> 7 * DAY;
            case 'm' -> 30 * DAY;
            case 'y' -> 365 * DAY;
            default -> throw invalid(line, value);
        };
        String number = value.substring(0, value.length() - 1);
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(line, value);
        }
        try {
            long count = Long.parseLong(number);
            if (count == 0) {
                throw invalid(line, value);
            }
            return Duration.ofSeconds(Math.multiplyExact(count, seconds));
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            throw invalid(line, value);
        }
    }

    private static ConfigException invalid(ConfigLine line, String value) {
        return line.error("invalid persistent_client_expiration value '" + value
                + "': must be a positive whole number followed by h, d, w, m or y (e.g. 14d)");
    }
}
