package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two nodes without configured protection keys seal with the same key, the one the first wrote to
 * Redis: each says at start which key id it seals with (a key's id is derived from its secret).
 */
class SharedProtectionKeyIT extends ClusterTestBase {
    private static final Pattern SEALS_WITH =
            Pattern.compile("Protected values are sealed with key (g[A-Za-z0-9_-]{7}),");

    @Test
    void bothNodesSealWithTheKeySharedThroughRedis() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (AppNode node : new AppNode[] {node1, node2}) {
            Matcher said = SEALS_WITH.matcher(Files.readString(node.log(), StandardCharsets.UTF_8));
            assertThat(said.find())
                    .as("%s names the key it seals with (log: %s)", node, node.log())
                    .isTrue();
            do {
                ids.add(said.group(1));
            } while (said.find());
        }
        assertThat(ids).as("one key, across both nodes and their restarts").hasSize(1);
    }
}
