package org.relief.kernel.personaldata;

/** The key table could not be read or written (a database failure, retried like any other). */
public class PersonalDataException extends RuntimeException {
    public PersonalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
