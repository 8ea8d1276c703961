/** Errors services throw; the HTTP layer turns them into problem+json or a Dutch page. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Deze pagina of dit gegeven bestaat niet, of u hebt er geen toegang toe.') {
    super(404, message, 'not-found');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'U hebt geen toegang tot deze pagina of deze actie.') {
    super(403, message, 'forbidden');
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Meld u aan om verder te gaan.') {
    super(401, message, 'unauthenticated');
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, message, 'conflict');
  }
}

export type FieldErrors = Record<string, string>;

/** Input that breaks a rule: one Dutch message per field, shown in the error summary. */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = 'Het formulier bevat fouten.',
  ) {
    super(422, message, 'validation');
  }
}
