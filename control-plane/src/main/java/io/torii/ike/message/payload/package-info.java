/**
 * IKEv2 payloads as typed values (RFC 7296 §3.3 to §3.16): one class per payload with its RFC
 * diagram, a {@code decode} from the payload body (what follows the generic payload header), an
 * encoder, and a {@code verify()} that names what is wrong. {@link io.torii.ike.message.payload.PayloadDecoder}
 * picks the class by payload type.
 */
package io.torii.ike.message.payload;
