package dev.browserstorage.bench.model;

import dev.browserstorage.annotation.Encrypted;
import dev.browserstorage.annotation.LocalStorage;
import dev.browserstorage.annotation.Signed;

/**
 * A versioned store with protected fields, for the cost of versions and protection on reads and of
 * sealing itself (the {@code protected} benchmark): the processor generates {@code BenchAccountStore}.
 */
@LocalStorage(value = "account", version = 2, migrations = BenchAccountMigrations.class)
public class BenchAccount {
    /** Plain, in a versioned store: the read guard's cost alone. */
    public int level = 1;

    /** Signed: readable, unforgeable. */
    @Signed
    public String plan = "free";

    /** Encrypted: unreadable to page scripts. */
    @Encrypted
    public String note = "";
}
