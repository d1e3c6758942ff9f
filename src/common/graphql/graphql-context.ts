import type { Request, Response } from 'express';
import { LoaderCache } from './loader-cache';

export interface GraphqlContext {
  req: Request;
  res: Response;
  loaders: LoaderCache;
}
