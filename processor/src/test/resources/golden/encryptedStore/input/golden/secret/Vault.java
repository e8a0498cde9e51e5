package golden.secret;

import dev.browserstorage.annotation.Encrypted;
import dev.browserstorage.annotation.LocalStorage;
import dev.browserstorage.annotation.Signed;
import java.util.List;

/** Every field encrypted, but one that its own @Signed overrides. */
@LocalStorage("vault")
@Encrypted
public class Vault {
    public String apiToken;
    public List<String> recoveryCodes = List.of();

    @Signed
    public int tier = 1;
}
