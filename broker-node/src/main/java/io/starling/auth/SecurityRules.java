package io.starling.auth;

import io.starling.auth.dynsec.AuthResult;
import io.starling.auth.dynsec.DynamicSecurity;
import io.starling.auth.dynsec.DynsecAuthority;
import io.starling.config.SecurityConfig;

/**
 * One listener's rules as read from its files at start or at the last reload: immutable, so a
 * reload swaps them whole and an operation sees either the old rules or the new ones. Dynamic
 * security is the exception: it changes through its own API, not by a reload, so the rules hold
 * the live {@link DynamicSecurity} and read its state at each check.
 *
 * @param allowAnonymous clients without a username may connect
 * @param passwords      the password file's users; null = no password file
 * @param acl            the ACL file's rules; null = no ACL file
 * @param dynsec         dynamic security; null when not enabled. When enabled it decides every
 *                       access check (the ACL file is not consulted)
 */
public record SecurityRules(boolean allowAnonymous, PasswordFile passwords, AclFile acl, DynamicSecurity dynsec) {

    /** How a CONNECT's username and password fare. */
    public enum Authentication {
        ACCEPTED,
        /** No security source admits this client (anonymous, or a username while nothing checks usernames). */
        NOT_AUTHORIZED,
        /** The username is unknown or the password wrong or missing. */
        BAD_CREDENTIALS
    }

    public SecurityRules(boolean allowAnonymous, PasswordFile passwords, AclFile acl) {
        this(allowAnonymous, passwords, acl, null);
    }

    /** Reads the password and ACL files {@code config} names; {@code dynsec} is the live one, if enabled. */
    public static SecurityRules load(SecurityConfig config, DynamicSecurity dynsec) throws SecurityFileException {
        return new SecurityRules(
                config.allowAnonymous(),
                config.passwordFile() == null ? null : PasswordFile.load(config.passwordFile()),
                config.aclFile() == null ? null : AclFile.load(config.aclFile()),
                dynsec);
    }

    /**
     * Mosquitto 2.0's check of a CONNECT: dynamic security first (a client it knows is accepted
     * or refused there), then the password file; a client no source knows is accepted only when
     * it gives no username and {@code allow_anonymous} is true, or when nothing checks usernames
     * at all and {@code allow_anonymous} is true (then a username is just a name).
     *
     * @param password null when the CONNECT had none
     */
    public Authentication authenticate(String username, byte[] password, String clientId) {
        if (dynsec != null) {
            AuthResult result = DynsecAuthority.authenticate(dynsec.state(), username, password, clientId);
            if (result == AuthResult.ACCEPT) {
                return Authentication.ACCEPTED;
            }
            if (result == AuthResult.REFUSE) {
                return Authentication.BAD_CREDENTIALS;
            }
        }
        if (username == null) {
            return allowAnonymous ? Authentication.ACCEPTED : Authentication.NOT_AUTHORIZED;
        }
        if (passwords != null) {
            return password != null && passwords.check(username, password)
                    ? Authentication.ACCEPTED : Authentication.BAD_CREDENTIALS;
        }
        if (dynsec != null) {
            return Authentication.BAD_CREDENTIALS; // a username dynamic security does not know
        }
        return allowAnonymous ? Authentication.ACCEPTED : Authentication.NOT_AUTHORIZED;
    }

    /**
     * Whether the client may do {@code access} on {@code topic}. As in Mosquitto, whatever the
     * files say, no client publishes to a {@code $SYS} topic: those are the broker's.
     */
    public boolean allows(String clientId, String username, String topic, Access access) {
        if (access == Access.WRITE && topic.startsWith("$SYS")) {
            return false;
        }
        if (dynsec != null) {
            return DynsecAuthority.allows(dynsec.state(), username, clientId, topic, access);
        }
        return acl == null || acl.allows(clientId, username, topic, access);
    }
}
