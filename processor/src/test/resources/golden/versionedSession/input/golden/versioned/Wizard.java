package golden.versioned;

import dev.browserstorage.annotation.Encrypted;
import dev.browserstorage.annotation.Migration;
import dev.browserstorage.annotation.SessionStorage;
import dev.browserstorage.annotation.Signed;
import dev.browserstorage.annotation.Ttl;
import dev.browserstorage.store.StoredValues;

/** A session store at version 2, its migration nested, with a signed and an encrypted field. */
@SessionStorage(version = 2, migrations = Wizard.Migrations.class)
public record Wizard(
        int step, @Signed String price, @Encrypted @Ttl("PT15M") String token, @Signed @Ttl("PT1H") long quote) {

    /** The wizard's migrations. */
    static final class Migrations {
        private Migrations() {}

        /** 1 -> 2: steps were counted from 0. */
        @Migration(from = 1)
        static void stepsFromOne(StoredValues values) {
            values.update("step", old -> old.asInt() + 1);
        }
    }
}
