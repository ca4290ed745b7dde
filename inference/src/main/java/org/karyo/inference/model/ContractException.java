package org.karyo.inference.model;

/** A model file that does not follow the DeepCHM ONNX contract; the message names what is wrong. */
public class ContractException extends Exception {
    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
