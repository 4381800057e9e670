import type { FastifyInstance, InjectOptions } from 'fastify';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  contentType: string;
}

type Json = Record<string, unknown>;

/** Calls the application in process through Fastify's inject: the full HTTP stack without a socket. */
export class ApiClient {
  constructor(
    private readonly app: FastifyInstance,
    private readonly token: string | null,
  ) {}

  get<T = Json>(url: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>({ method: 'GET', url, headers });
  }

  post<T = Json>(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>({ method: 'POST', url, headers, ...(body !== undefined && { payload: body as InjectOptions['payload'] }) });
  }

  patch<T = Json>(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>({ method: 'PATCH', url, headers, ...(body !== undefined && { payload: body as InjectOptions['payload'] }) });
  }

  put<T = Json>(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>({ method: 'PUT', url, headers, ...(body !== undefined && { payload: body as InjectOptions['payload'] }) });
  }

  delete<T = Json>(url: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>({ method: 'DELETE', url, headers });
  }

  /** Sends a raw body (bytes or text) with an explicit content type, for malformed-input tests. */
  raw<T = Json>(method: 'POST' | 'PATCH' | 'PUT', url: string, payload: string | Buffer, contentType: string): Promise<ApiResponse<T>> {
    return this.send<T>({ method, url, payload, headers: { 'content-type': contentType } });
  }

  private async send<T>(options: InjectOptions): Promise<ApiResponse<T>> {
    const headers = { ...(options.headers as Record<string, string>) };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await this.app.inject({ ...options, headers });
    const contentType = String(response.headers['content-type'] ?? '');
    const body = (contentType.includes('json') && response.body ? JSON.parse(response.body) : response.body) as T;
    return { status: response.statusCode, body, headers: response.headers, contentType };
  }
}
