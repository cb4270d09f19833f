package dev.facesr.models.recognition;

/** Checks of person names (package-private helper). */
final class Names {
    /** The longest accepted person name. */
    static final int MAX_LENGTH = 200;

    private Names() {}

    static String check(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_LENGTH
                || name.chars().anyMatch(Character::isISOControl) || !name.strip().equals(name)) {
            throw new IllegalArgumentException("A person name must be 1 to " + MAX_LENGTH
                    + " characters without control characters or leading/trailing spaces, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }
}
