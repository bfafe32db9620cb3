/**
 * The workings of the TLS transport (not exported): the BouncyCastle client, server trust and
 * host name rules, PEM reading and the failure explanations. Public only for the tests, which
 * run on the class path.
 */
package umqtt.transport.tls.internal;
