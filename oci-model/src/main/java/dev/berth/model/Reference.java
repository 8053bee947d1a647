package dev.berth.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference, {@code [registry/]repository[:tag][@digest]}, parsed with
 * the grammar of the distribution project and Docker Hub's normalisation:
 * {@code alpine} is {@code docker.io/library/alpine}, and {@code index.docker.io}
 * is {@code docker.io}. Immutable; {@link #toString()} is the canonical form.
 *
 * <pre>{@code
 * Reference ref = Reference.parse("localhost:5000/team/app:1.2@sha256:...");
 * ref.registry();   // "localhost:5000"
 * ref.repository(); // "team/app"
 * ref.tag();        // Optional["1.2"]
 * }</pre>
 *
 * <p>Errors are {@link InvalidReferenceException}s naming the part that is wrong.
 */
public final class Reference {

    /** The canonical name of Docker Hub. */
    public static final String DOCKER_HUB = "docker.io";
    /** The tag meant when a reference names neither tag nor digest. */
    public static final String DEFAULT_TAG = "latest";
    /** The longest full name ({@code registry/repository}) distribution accepts. */
    public static final int MAX_NAME_LENGTH = 255;
    /** The longest tag the distribution specification allows. */
    public static final int MAX_TAG_LENGTH = 128;

    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String OFFICIAL_IMAGES = "library/";

    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[A-Fa-f0-9:]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]+");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private Reference(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses a reference, applying Docker Hub normalisation.
     *
     * @param text e.g. {@code alpine}, {@code ghcr.io/org/app:v1}, {@code [::1]:5000/app@sha256:...}
     * @return the reference
     * @throws InvalidReferenceException naming the part that is wrong
     */
    public static Reference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException(String.valueOf(text), "empty");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            try {
                digest = Digest.parse(digestText);
            } catch (InvalidDigestException e) {
                throw new InvalidReferenceException(text, "digest part: " + e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            checkTag(text, tag);
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException(text, "repository name is empty");
        }
        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (slash < 0 || !looksLikeRegistry(first)) {
            registry = DOCKER_HUB;
            path = rest;
        } else {
            registry = first;
            path = rest.substring(slash + 1);
        }
        if (registry.equals(LEGACY_DOCKER_HUB)) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            if (tag == null && digest == null && HEX64.matcher(path).matches()) {
                throw new InvalidReferenceException(text,
                        "a 64-character hex string is an image ID, not a repository name");
            }
            path = OFFICIAL_IMAGES + path;
        }
        checkRegistry(text, registry);
        checkRepository(text, path);
        checkNameLength(text, registry, path);
        return new Reference(registry, path, tag, digest);
    }

    /**
     * Builds a reference from validated parts, without Docker Hub normalisation.
     *
     * @param registry   host with optional port, e.g. {@code localhost:5000}
     * @param repository e.g. {@code team/app}
     * @param tag        a tag, or null
     * @param digest     a digest, or null
     * @return the reference
     * @throws InvalidReferenceException naming the part that is wrong
     */
    public static Reference of(String registry, String repository, String tag, Digest digest) {
        String text = registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        checkRegistry(text, registry);
        checkRepository(text, repository);
        checkNameLength(text, registry, repository);
        if (tag != null) {
            checkTag(text, tag);
        }
        return new Reference(registry, repository, tag, digest);
    }

    /**
     * Validates a repository name (the path after the registry) as the
     * distribution specification defines it.
     *
     * @param repository e.g. {@code library/alpine}
     * @return the same name
     * @throws InvalidReferenceException naming the component that is wrong
     */
    public static String requireValidRepository(String repository) {
        checkRepository(String.valueOf(repository), repository == null ? "" : repository);
        if (repository.length() > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(repository, "repository name longer than " + MAX_NAME_LENGTH + " characters");
        }
        return repository;
    }

    /**
     * Validates a tag: a word character followed by up to 127 word characters, dots or dashes.
     *
     * @param tag the tag
     * @return the same tag
     * @throws InvalidReferenceException if it is not a valid tag
     */
    public static String requireValidTag(String tag) {
        checkTag(String.valueOf(tag), tag == null ? "" : tag);
        return tag;
    }

    /**
     * Validates what names a manifest within a repository: a tag or a digest.
     *
     * @param reference a tag such as {@code 1.0}, or a digest such as {@code sha256:...}
     * @return the same text
     * @throws InvalidReferenceException if it is null, blank, or neither a valid tag nor a digest
     */
    public static String requireValidTagOrDigest(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidReferenceException(String.valueOf(reference), "the reference must be a tag or a digest");
        }
        if (reference.contains(":")) {
            try {
                Digest.parse(reference);
            } catch (InvalidDigestException e) {
                throw new InvalidReferenceException(reference, "the reference is a malformed digest: " + e.getMessage());
            }
        } else if (!isValidTag(reference)) {
            throw new InvalidReferenceException(reference, "the reference is neither a valid tag nor a digest");
        }
        return reference;
    }

    /**
     * Whether a registry is on this machine: {@code localhost}, 127.0.0.0/8 or
     * {@code [::1]}, with or without a port. Such registries may be spoken to
     * over plain HTTP, as Docker does. Names other than {@code localhost} are
     * never resolved, so this makes no network call.
     *
     * @param registry host with optional port, e.g. {@code 127.0.0.1:5000}
     * @return whether it is a loopback registry
     */
    public static boolean isLoopbackRegistry(String registry) {
        String host = registry;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.matches("[0-9]+(\\.[0-9]+){3}")) {
            return host.startsWith("127.");
        }
        if (host.matches("[0-9a-fA-F:]+") && host.contains(":")) {
            try {
                return java.net.InetAddress.getByName(host).isLoopbackAddress(); // an IPv6 literal: parsed, not resolved
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * @param tag the text to check
     * @return whether {@code tag} is a valid tag
     */
    public static boolean isValidTag(String tag) {
        return tag != null && tag.length() <= MAX_TAG_LENGTH && isTagGrammar(tag);
    }

    // distribution's rule: the first component names a registry if it has a dot
    // or a port, is "localhost", or contains upper case (which a path cannot).
    private static boolean looksLikeRegistry(String first) {
        return first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    private static void checkTag(String text, String tag) {
        if (tag.isEmpty()) {
            throw new InvalidReferenceException(text, "tag is empty");
        }
        if (tag.length() > MAX_TAG_LENGTH) {
            throw new InvalidReferenceException(text, "tag is longer than " + MAX_TAG_LENGTH + " characters");
        }
        if (!isTagGrammar(tag)) {
            throw new InvalidReferenceException(text, "tag \"" + tag
                    + "\" must start with a letter, digit or '_' and contain only letters, digits, '_', '.' and '-'");
        }
    }

    private static void checkRegistry(String text, String registry) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            if (close < 0) {
                throw new InvalidReferenceException(text, "registry \"" + registry + "\": IPv6 address lacks ']'");
            }
            host = registry.substring(0, close + 1);
            if (!IPV6.matcher(host).matches()) {
                throw new InvalidReferenceException(text, "registry \"" + registry + "\": malformed IPv6 address");
            }
            String after = registry.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidReferenceException(text, "registry \"" + registry + "\": unexpected text after IPv6 address");
                }
                port = after.substring(1);
            }
        } else {
            int colon = registry.indexOf(':');
            if (colon >= 0) {
                host = registry.substring(0, colon);
                port = registry.substring(colon + 1);
            }
            if (host.isEmpty()) {
                throw new InvalidReferenceException(text, "registry host is empty");
            }
            for (String component : host.split("\\.", -1)) {
                if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                    throw new InvalidReferenceException(text, "registry host \"" + host
                            + "\": each dot-separated part must be letters, digits and inner '-'");
                }
            }
        }
        if (port != null && !PORT.matcher(port).matches()) {
            throw new InvalidReferenceException(text, "registry \"" + registry + "\": port must be digits");
        }
    }

    private static void checkRepository(String text, String path) {
        if (path.isEmpty()) {
            throw new InvalidReferenceException(text, "repository name is empty");
        }
        for (int start = 0, end; start <= path.length(); start = end + 1) {
            end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (start == end) {
                throw new InvalidReferenceException(text, "repository \"" + path + "\" has an empty path component");
            }
            if (!isPathComponent(path, start, end)) {
                String component = path.substring(start, end);
                String why = component.equals(component.toLowerCase(java.util.Locale.ROOT))
                        ? "must be lowercase letters and digits separated by '.', '_', '__' or '-'"
                        : "must be lowercase";
                throw new InvalidReferenceException(text, "repository component \"" + component + "\" " + why);
            }
        }
    }

    // The grammar's [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*, by hand: the registry checks a name on every request,
    // and a regular expression's matcher costs more than the rest of answering a manifest GET.
    static boolean isPathComponent(String s, int from, int to) {
        int i = from;
        if (i >= to || !isLowerAlphanumeric(s.charAt(i))) {
            return false;
        }
        while (i < to) {
            char c = s.charAt(i);
            if (isLowerAlphanumeric(c)) {
                i++;
                continue;
            }
            if (c == '.') {
                i++;
            } else if (c == '_') {
                i++;
                if (i < to && s.charAt(i) == '_') {
                    i++;
                }
            } else if (c == '-') {
                while (i < to && s.charAt(i) == '-') {
                    i++;
                }
            } else {
                return false;
            }
            if (i >= to || !isLowerAlphanumeric(s.charAt(i))) {
                return false; // a separator must be followed by a letter or digit
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    // The grammar's [A-Za-z0-9_][A-Za-z0-9_.-]*, by hand (length checked apart).
    static boolean isTagGrammar(String tag) {
        if (tag.isEmpty() || tag.charAt(0) == '.' || tag.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static void checkNameLength(String text, String registry, String path) {
        int length = registry.length() + 1 + path.length();
        if (length > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(text, "name \"" + registry + "/" + path + "\" is " + length
                    + " characters, longer than " + MAX_NAME_LENGTH);
        }
    }

    /** @return the registry host with optional port, e.g. {@code docker.io} or {@code localhost:5000} */
    public String registry() {
        return registry;
    }

    /** @return the repository path, e.g. {@code library/alpine} */
    public String repository() {
        return repository;
    }

    /** @return {@code registry/repository} */
    public String name() {
        return registry + "/" + repository;
    }

    /** @return the tag, if the reference has one */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** @return the digest, if the reference has one */
    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /**
     * @return what to ask the registry for: the digest if present (it pins the
     *         content), else the tag, else {@value #DEFAULT_TAG}
     */
    public String identifier() {
        return digest != null ? digest.toString() : tag != null ? tag : DEFAULT_TAG;
    }

    /** @return whether the reference is on Docker Hub */
    public boolean isDockerHub() {
        return registry.equals(DOCKER_HUB);
    }

    /**
     * @param newTag the tag of the copy
     * @return a copy with this tag (and the digest kept)
     */
    public Reference withTag(String newTag) {
        return of(registry, repository, newTag, digest);
    }

    /**
     * @param newDigest the digest of the copy
     * @return a copy with this digest (and the tag kept)
     */
    public Reference withDigest(Digest newDigest) {
        return new Reference(registry, repository, tag, Objects.requireNonNull(newDigest, "digest"));
    }

    /** @return a copy naming only the repository, with neither tag nor digest */
    public Reference withoutTagOrDigest() {
        return new Reference(registry, repository, null, null);
    }

    /**
     * @param newRepository the repository of the copy, such as {@code library/alpine}
     * @return a copy in another repository of the same registry, with the same tag and digest
     */
    public Reference withRepository(String newRepository) {
        return of(registry, newRepository, tag, digest);
    }

    /**
     * @return the short form people type: Docker Hub's registry and
     *         {@code library/} prefix left out, e.g. {@code alpine:3.20}
     */
    public String familiarForm() {
        String name = name();
        if (isDockerHub()) {
            name = repository.startsWith(OFFICIAL_IMAGES) && repository.indexOf('/', OFFICIAL_IMAGES.length()) < 0
                    ? repository.substring(OFFICIAL_IMAGES.length()) : repository;
        }
        return name + suffix();
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Reference)) {
            return false;
        }
        Reference r = (Reference) o;
        return registry.equals(r.registry) && repository.equals(r.repository)
                && Objects.equals(tag, r.tag) && Objects.equals(digest, r.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    /** @return the canonical form {@code registry/repository[:tag][@digest]} */
    @Override
    public String toString() {
        return name() + suffix();
    }
}
