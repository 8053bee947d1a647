package dev.berth.server.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/** Compact JWS with ES256 (raw R||S signatures, as JOSE wants) or RS256. */
public final class Jwt {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private Jwt() {
    }

    /** @return {@code header.claims.signature} */
    public static String sign(ObjectNode header, ObjectNode claims, String algorithm, PrivateKey key) {
        String signingInput = ENC.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + ENC.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance(jdkAlgorithm(algorithm));
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENC.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a token failed: " + e.getMessage(), e);
        }
    }

    /** A token split into its parts, signature not yet checked. */
    public record Parsed(ObjectNode header, ObjectNode claims, String signingInput, byte[] signature) {
        /** @return whether the signature is valid for this key */
        public boolean verify(PublicKey key) {
            String alg = header.path("alg").asText("");
            try {
                Signature s = Signature.getInstance(jdkAlgorithm(alg));
                s.initVerify(key);
                s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return s.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** @return the parts, or empty if the text is not a compact JWS with JSON header and claims */
    public static Optional<Parsed> parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = Json.mapper().readTree(DEC.decode(parts[0]));
            JsonNode claims = Json.mapper().readTree(DEC.decode(parts[1]));
            if (!(header instanceof ObjectNode) || !(claims instanceof ObjectNode)) {
                return Optional.empty();
            }
            return Optional.of(new Parsed((ObjectNode) header, (ObjectNode) claims, parts[0] + "." + parts[1],
                    DEC.decode(parts[2])));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String jdkAlgorithm(String jose) {
        switch (jose) {
            case "ES256": return "SHA256withECDSAinP1363Format";
            case "RS256": return "SHA256withRSA";
            default: throw new IllegalArgumentException("unsupported JWS algorithm " + jose);
        }
    }
}
