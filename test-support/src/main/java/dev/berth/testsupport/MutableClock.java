package dev.berth.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock the test moves by hand, so expiries, grace periods and retention windows are tested without sleeping. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** @param start the time the clock shows until moved */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @param by how far to move the clock forward */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** @param to the time the clock shows from now on */
    public void set(Instant to) {
        now = to;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
