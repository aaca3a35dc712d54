package in.earlybird.events;

/**
 * Thrown when a phone number breaks the contract's rules; the message never holds the
 * number.
 */
public class InvalidPhoneNumberException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a reason.
	 * @param reason why the number was rejected
	 */
	public InvalidPhoneNumberException(String reason) {
		super(reason);
	}

}
