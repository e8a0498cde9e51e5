package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which frames answer a batch the server sent, and how many answers a connection may give for free. */
class AnswerCreditsTest {
    private static String batch(long id, boolean tab, String value) {
        return Frames.batch(new WriteBatch(id, List.of(Write.set(StorageArea.LOCAL, "app:k", value))), tab);
    }

    private static String batches(long... ids) {
        return new ServerFrame.Batches(java.util.Arrays.stream(ids)
                        .mapToObj(id -> new ServerFrame.Batch(
                                new WriteBatch(id, List.of(Write.set(StorageArea.LOCAL, "app:k", "v" + id))),
                                false,
                                java.util.Collections.singletonList(null)))
                        .toList())
                .toJson();
    }

    private static String ack(long id) {
        return "{\"t\":\"ack\",\"id\":" + id + "}";
    }

    private static String tabAck(long id) {
        return "{\"t\":\"ack\",\"id\":" + id + ",\"tab\":true}";
    }

    @Test
    void anAckOfABatchSentIsFreeOnceAndOnlyOnce() {
        AnswerCredits credits = new AnswerCredits(100);
        assertThat(credits.answered(ack(1))).as("nothing sent yet").isFalse();

        credits.sent(batch(1, false, "x"));
        assertThat(credits.owed()).isEqualTo(1);
        assertThat(credits.answered(ack(2))).as("an id never sent").isFalse();
        assertThat(credits.answered(tabAck(1)))
                .as("the tab's batch 1 was not sent")
                .isFalse();
        assertThat(credits.answered(ack(1))).isTrue();
        assertThat(credits.answered(ack(1))).as("answered already").isFalse();
        assertThat(credits.owed()).isZero();
    }

    @Test
    void everyBatchOfABatchesFrameIsCreditedAndTheTabsCountApart() {
        AnswerCredits credits = new AnswerCredits(100);
        credits.sent(batches(3, 4, 5));
        credits.sent(batch(3, true, "t"));
        assertThat(credits.owed()).isEqualTo(4);

        assertThat(credits.answered(tabAck(3))).isTrue();
        assertThat(credits.answered(ack(3))).isTrue();
        assertThat(credits.answered(ack(4))).isTrue();
        assertThat(credits.answered(ack(5))).isTrue();
        assertThat(credits.answered(tabAck(3))).isFalse();
    }

    @Test
    void aBatchSentTwiceMayBeAnsweredTwice() {
        // A connection is sent the pending batches again when another tab's connection closes.
        AnswerCredits credits = new AnswerCredits(100);
        credits.sent(batches(1, 2));
        credits.sent(batches(1, 2));

        for (long id : new long[] {1, 2, 1, 2}) {
            assertThat(credits.answered(ack(id))).as("ack %d", id).isTrue();
        }
        assertThat(credits.answered(ack(2))).isFalse();
    }

    @Test
    void anAnswerForALaterIdGivesUpTheEarlierOnes() {
        AnswerCredits credits = new AnswerCredits(100);
        credits.sent(batches(1, 2, 3));

        assertThat(credits.answered(ack(2))).isTrue();
        assertThat(credits.answered(ack(1))).as("given up").isFalse();
        assertThat(credits.answered(ack(3))).isTrue();
    }

    @Test
    void framesWithoutBatchesAndMarksInsideValuesEarnNothing() {
        AnswerCredits credits = new AnswerCredits(100);
        credits.sent(Frames.welcome("app", "tab"));
        credits.sent(Frames.error("bad-frame", "{\"t\":\"batch\",\"id\":7}"));
        credits.sent(batch(1, false, "{\"t\":\"batch\",\"id\":8,\"tab\":true}"));

        assertThat(credits.owed()).as("only batch 1").isEqualTo(1);
        assertThat(credits.answered(ack(7))).isFalse();
        assertThat(credits.answered(ack(8))).isFalse();
        assertThat(credits.answered(tabAck(8))).isFalse();
        assertThat(credits.answered(ack(1))).isTrue();
    }

    @Test
    void pastItsCapacityTheOldestCreditIsGivenUp() {
        AnswerCredits credits = new AnswerCredits(3);
        for (long id = 1; id <= 5; id++) {
            credits.sent(batch(id, false, "v"));
        }
        assertThat(credits.owed()).isEqualTo(3);
        assertThat(credits.answered(ack(2))).isFalse();
        assertThat(credits.answered(ack(3))).isTrue();
        assertThat(credits.answered(ack(5))).isTrue();
        assertThatThrownBy(() -> new AnswerCredits(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailAnswersItsBatchLikeAnAck() {
        AnswerCredits credits = new AnswerCredits(100);
        credits.sent(batch(9, false, "v"));
        credits.sent(batch(2, true, "v"));

        assertThat(credits.answered("{\"t\":\"fail\",\"id\":2,\"error\":\"quota\",\"message\":\"full\",\"tab\":true}"))
                .isTrue();
        assertThat(credits.answered("{\"t\":\"fail\",\"id\":9,\"error\":\"quota\",\"message\":\",\\\"tab\\\":true}\"}"))
                .isTrue();
    }

    @Test
    void onlyTheGluesShapesOfAnAnswerAreRecognised() {
        assertThat(FrameReader.answeredBatch(ack(12))).isEqualTo(24);
        assertThat(FrameReader.answeredBatch(tabAck(12))).isEqualTo(25);
        assertThat(FrameReader.answeredBatch("{\"t\":\"fail\",\"id\":12,\"error\":\"quota\"}"))
                .isEqualTo(24);
        for (String other : List.of(
                "{\"t\":\"ack\",\"id\":12,\"x\":1}",
                "{\"t\":\"ack\",\"id\":12",
                "{\"t\":\"ack\",\"id\":012}",
                "{\"t\":\"ack\",\"id\":0}",
                "{\"t\":\"ack\",\"id\":-1}",
                "{\"t\":\"ack\",\"id\":1.5}",
                "{\"t\":\"ack\",\"id\":\"12\"}",
                "{\"t\":\"ack\",\"id\":99999999999999999}",
                "{\"t\":\"ack\",\"id\":9007199254740992}",
                "{\"t\":\"fail\",\"id\":12}",
                "{ \"t\":\"ack\",\"id\":12}",
                "{\"t\":\"change\",\"area\":\"local\",\"key\":\"k\",\"value\":null}",
                "{\"t\":\"ack\",\"id\":",
                "")) {
            assertThat(FrameReader.answeredBatch(other)).as(other).isEqualTo(-1);
        }
    }

    @Test
    void anAckReadWithoutATreeIsTheAckReadWithOne() {
        assertThat(FrameReader.read(ack(7))).isEqualTo(new BrowserFrame.Ack(7, false));
        assertThat(FrameReader.read(tabAck(7))).isEqualTo(new BrowserFrame.Ack(7, true));
        assertThat(FrameReader.read("{ \"t\": \"ack\", \"id\": 7, \"tab\": true }"))
                .isEqualTo(new BrowserFrame.Ack(7, true));
        assertThat(FrameReader.read("{\"t\":\"ack\",\"id\":9007199254740993}"))
                .as("past what the glue sends, still read as before")
                .isEqualTo(new BrowserFrame.Ack(9007199254740993L, false));
    }

    @Test
    void aFrameThatBeginsAsAnAnswerIsThatAnswerOrRefused() {
        assertThatThrownBy(() -> FrameReader.read(
                        "{\"t\":\"fail\",\"id\":3,\"t\":\"change\",\"area\":\"local\",\"key\":\"k\",\"value\":null}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_FRAME));
        assertThatThrownBy(() -> FrameReader.read("{\"t\":\"fail\",\"id\":3,\"error\":\"quota\",\"id\":4}"))
                .isInstanceOf(ProtocolException.class);
        assertThat(FrameReader.read("{\"t\":\"fail\",\"id\":3,\"error\":\"quota\",\"message\":\"m\"}"))
                .isInstanceOfSatisfying(BrowserFrame.Fail.class, fail -> {
                    assertThat(fail.id()).isEqualTo(3);
                    assertThat(fail.error()).isInstanceOf(QuotaExceededException.class);
                });
    }
}
