package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageRateTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void aFullBucketLetsTheBurstThroughAndNotOneFrameMore() {
        MessageRate rate = new MessageRate(10, 50, now::get);

        for (int i = 0; i < 50; i++) {
            assertThat(rate.tryAcquire()).as("frame %d of the burst", i + 1).isTrue();
        }
        assertThat(rate.tryAcquire()).as("frame 51").isFalse();
    }

    @Test
    void theBucketRefillsAtTheRate() {
        MessageRate rate = new MessageRate(10, 50, now::get);
        for (int i = 0; i < 50; i++) {
            rate.tryAcquire();
        }

        now.addAndGet(99_999_999L);
        assertThat(rate.tryAcquire())
                .as("just under a tenth of a second: no frame yet")
                .isFalse();
        now.addAndGet(1L);
        assertThat(rate.tryAcquire()).as("a tenth of a second: one frame").isTrue();
        assertThat(rate.tryAcquire()).isFalse();

        now.addAndGet(1_000_000_000L);
        for (int i = 0; i < 10; i++) {
            assertThat(rate.tryAcquire()).as("one second: ten frames").isTrue();
        }
        assertThat(rate.tryAcquire()).isFalse();
    }

    @Test
    void aLongRestRefillsTheBurstOnlyAndAClockGoingBackGivesNothing() {
        MessageRate rate = new MessageRate(1000, 5, now::get);
        for (int i = 0; i < 5; i++) {
            rate.tryAcquire();
        }

        now.addAndGet(Long.MAX_VALUE / 2);
        for (int i = 0; i < 5; i++) {
            assertThat(rate.tryAcquire()).isTrue();
        }
        assertThat(rate.tryAcquire()).isFalse();

        now.addAndGet(-10_000_000_000L);
        assertThat(rate.tryAcquire()).isFalse();
    }

    @Test
    void aRateOrBurstBelowOneIsRefused() {
        assertThatThrownBy(() -> new MessageRate(0, 10, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageRate(10, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
