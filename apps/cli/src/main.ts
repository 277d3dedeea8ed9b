import 'reflect-metadata';
import { probe } from '@subsidy/domain/probe';
import { Injectable } from '@nestjs/common';
@Injectable()
class A { constructor() {} }
@Injectable()
class B { constructor(readonly a: A) {} }
console.log(probe, Reflect.getMetadata('design:paramtypes', B), process.argv);
