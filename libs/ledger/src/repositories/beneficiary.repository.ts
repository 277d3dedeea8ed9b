import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, ExpectedRevision } from '@subsidy/event-store';
import { beneficiaryStream } from '@subsidy/domain/events/streams';
import type { BeneficiaryEvent } from '@subsidy/domain/events/beneficiary-events';
import {
  evolve,
  initialBeneficiaryState,
  resolvesTo,
  type BeneficiaryState,
} from '@subsidy/domain/registry/beneficiary';
import { EVENT_STORE } from '../infrastructure/tokens';
import { readStreamFrom } from '../infrastructure/stream-reader';
import { toDomainEvent } from './to-domain-event';

export interface LoadedBeneficiary {
  state: BeneficiaryState;
  /** Exact revision of the stream as read: the expected revision of the next append. */
  expectedRevision: ExpectedRevision;
}

/** A person's stream, keyed by the 18-character ID number inside every certificate number they hold. */
@Injectable()
export class BeneficiaryRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async loadByIdNumber(idNumber: string): Promise<LoadedBeneficiary> {
    const recorded = await readStreamFrom(this.store, beneficiaryStream(idNumber));
    let state = initialBeneficiaryState();
    for (const r of recorded) state = evolve(state, toDomainEvent(r) as BeneficiaryEvent);
    const last = recorded[recorded.length - 1];
    return { state, expectedRevision: last ? last.revision : 'no_stream' };
  }

  /**
   * The person holding (or having held) this certificate number; undefined if nobody registered it. The ID
   * number is the certificate's first 18 characters, but only numbers the person actually held resolve.
   */
  async findByCertificate(certificateNumber: string): Promise<LoadedBeneficiary | undefined> {
    const cert = certificateNumber.toUpperCase();
    if (!/^\d{17}[\dX]\d{2}$/.test(cert)) return undefined;
    const loaded = await this.loadByIdNumber(cert.slice(0, 18));
    return resolvesTo(loaded.state, cert) ? loaded : undefined;
  }
}
