package io.starling.auth;

import io.starling.config.SecurityConfig;

/**
 * One listener's rules as read from its files at start or at the last reload: immutable, so a
 * reload swaps them whole and an operation sees either the old rules or the new ones.
 *
 * @param allowAnonymous clients without a username may connect
 * @param passwords      the password file's users; null = usernames are not checked
 * @param acl            the ACL file's rules; null = every client may do everything
 */
public record SecurityRules(boolean allowAnonymous, PasswordFile passwords, AclFile acl) {

    /** How a CONNECT's username and password fare. */
    public enum Authentication {
        ACCEPTED,
        /** No username, and anonymous clients are not allowed. */
        ANONYMOUS_REFUSED,
        /** The username is unknown or the password wrong or missing. */
        BAD_CREDENTIALS
    }

    /** Reads the files {@code config} names. */
    public static SecurityRules load(SecurityConfig config) throws SecurityFileException {
        return new SecurityRules(
                config.allowAnonymous(),
                config.passwordFile() == null ? null : PasswordFile.load(config.passwordFile()),
                config.aclFile() == null ? null : AclFile.load(config.aclFile()));
    }

    /**
     * Mosquitto 2.0's check of a CONNECT: with a password file, a client giving a username must
     * be in it with that password; a client without one is anonymous, allowed or not by
     * {@code allow_anonymous}. Without a password file, any username is taken as given.
     *
     * @param password null when the CONNECT had none
     */
    public Authentication authenticate(String username, byte[] password) {
        if (username == null) {
            return allowAnonymous ? Authentication.ACCEPTED : Authentication.ANONYMOUS_REFUSED;
        }
        if (passwords == null) {
            return Authentication.ACCEPTED;
        }
        return password != null && passwords.check(username, password)
                ? Authentication.ACCEPTED : Authentication.BAD_CREDENTIALS;
    }

    /**
     * Whether the client may do {@code access} on {@code topic}. As in Mosquitto, whatever the
     * files say, no client publishes to a {@code $SYS} topic: those are the broker's.
     */
    public boolean allows(String clientId, String username, String topic, Access access) {
        if (access == Access.WRITE && topic.startsWith("$SYS")) {
            return false;
        }
        return acl == null || acl.allows(clientId, username, topic, access);
    }
}
