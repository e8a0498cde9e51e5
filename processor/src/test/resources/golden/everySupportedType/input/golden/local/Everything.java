package golden.local;

import dev.browserstorage.annotation.LocalStorage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A field of every supported type, most with a literal default. */
@LocalStorage("everything")
public class Everything {
    public String text = "hello \"world\"";
    public boolean flag = true;
    public byte tiny = 7;
    public short small = 300;
    public int count = 42;
    public long big = 9000000000L;
    public float ratio = 0.1f;
    public double precise = 2.5;
    public char letter = 'x';
    public int negative = -1;
    public Boolean boxedFlag = false;
    public Byte boxedTiny;
    public Short boxedSmall;
    public Integer boxedCount = 1;
    public Long boxedBig = 2L;
    public Float boxedRatio = 1.25f;
    public Double boxedPrecise;
    public Character boxedLetter = 'y';
    public Theme theme = Theme.DARK;
    public BigDecimal amount;
    public UUID id;
    public Instant at;
    public LocalDate day;
    public LocalDateTime moment;
    public Duration timeout;
    public List<String> tags = List.of();
    public Set<Theme> themes = Set.of();
    public List<Integer> numbers;
    public Set<UUID> ids;
    public List<Address> addresses;
    public Map<String, Integer> counters = Map.of();
    public Map<String, List<LocalDate>> calendar;
    public Address address;
    public Point point;

    /** A record nested in the store's class, stored as one JSON object. */
    public record Point(int x, int y) {}
}
