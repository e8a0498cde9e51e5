package golden.local;

/** A plain class used as a field's type, stored as one JSON object. */
public class Address {
    public String street;
    public int number;
}
