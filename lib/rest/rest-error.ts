// Failures that only exist at the HTTP level and have no domain error code (the domain layer
// never says "not implemented"). Everything else is an AppError.
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "RestError";
  }
}
