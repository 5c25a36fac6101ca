/**
 * XRPC's error form: a status and `{"error": <name>, "message": <sentence>}`. The names without a custom one are
 * the status's own (ResponseType in @atproto/xrpc), as @atproto/xrpc-server answers.
 */
export const XRPC_STATUS_NAMES: Record<number, string> = {
  400: 'InvalidRequest',
  401: 'AuthenticationRequired',
  403: 'Forbidden',
  404: 'XRPCNotSupported',
  406: 'NotAcceptable',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'RateLimitExceeded',
  500: 'InternalServerError',
  501: 'MethodNotImplemented',
  502: 'UpstreamFailure',
  503: 'NotEnoughResources',
  504: 'UpstreamTimeout',
};

export class XrpcError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(status: number, message: string, error?: string) {
    super(message);
    this.name = 'XrpcError';
    this.status = status;
    this.error = error ?? XRPC_STATUS_NAMES[status] ?? 'InternalServerError';
  }

  get body(): { error: string; message: string } {
    return { error: this.error, message: this.message };
  }
}

export const invalidRequest = (message: string, error?: string) => new XrpcError(400, message, error);
export const authRequired = (message: string, error?: string) => new XrpcError(401, message, error);
