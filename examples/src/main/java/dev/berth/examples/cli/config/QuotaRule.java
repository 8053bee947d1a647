package dev.berth.examples.cli.config;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One entry of Berth's {@code quotas} key: limits for the repositories under a namespace.
 *
 * @param namespace    the namespace: {@code team} covers {@code team/app} and {@code team/x/y}
 * @param bytes        the most bytes of blobs its repositories may hold together
 * @param repositories the most repositories it may hold
 */
public record QuotaRule(String namespace, OptionalLong bytes, OptionalInt repositories) {
}
