/**
 * PropDesk's published language: the public events every service and integrator depends on, their
 * topics ({@link io.propdesk.contracts.Topics}), CloudEvent types ({@link io.propdesk.contracts.EventTypes})
 * and the shared value types they carry.
 *
 * <p>Conventions of every event record: past-tense name without suffix; the ticket's id first where
 * there is one, since it is the Kafka key; instants are UTC and named {@code ...At}; ids and
 * primitives are always present, other components may be null (see {@link io.propdesk.contracts.Nullable});
 * collections are immutable and never null. Changes are additive only; anything else is a new
 * {@code .v2} type registered beside the old one.
 */
package io.propdesk.contracts;
