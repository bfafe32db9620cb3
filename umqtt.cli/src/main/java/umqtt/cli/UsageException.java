package umqtt.cli;

/** Bad command-line input: the command prints the message and a hint, and exits with 1. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and how to write it instead; never a secret's value
     */
    UsageException(String message) {
        super(message);
    }
}
