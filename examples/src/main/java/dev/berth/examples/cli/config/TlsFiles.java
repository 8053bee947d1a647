package dev.berth.examples.cli.config;

import java.nio.file.Path;

/**
 * {@code http.tls}: the registry's certificate chain and its private key.
 *
 * @param certificate the PEM certificate chain, the registry's own certificate first
 * @param key         the PEM private key
 */
public record TlsFiles(Path certificate, Path key) {
}
