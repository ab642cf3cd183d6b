/** A request the background refuses for what it asks (not for a W&B failure); reported as `bad-request`. */
export class BadRequest extends Error {}
